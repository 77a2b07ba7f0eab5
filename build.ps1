# Runs the repository's Cake build: ./build.ps1 --target=Test [other Cake arguments]
# ./build.ps1 --description lists the targets.
$ErrorActionPreference = 'Stop'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
# Push/Pop rather than Set-Location: a script's Set-Location would leave the caller's shell in the repository.
# Colour only on a terminal (see build.sh): NO_COLOR for this run when the output is redirected,
# removed again afterwards, since a script's $env: change would outlive it in the caller's session.
$setNoColor = [Console]::IsOutputRedirected -and -not $env:NO_COLOR
if ($setNoColor) { $env:NO_COLOR = '1' }
$exitCode = 1
Push-Location -LiteralPath $PSScriptRoot
try {
    dotnet tool restore | Out-Null
    $exitCode = $LASTEXITCODE
    if ($exitCode -eq 0) {
        dotnet cake build/build.cake @args
        $exitCode = $LASTEXITCODE
    }
}
finally {
    Pop-Location
    if ($setNoColor) { Remove-Item Env:NO_COLOR -ErrorAction SilentlyContinue }
}
exit $exitCode
