# Runs the repository's Cake build: ./build.ps1 --target=Test [other Cake arguments]
# ./build.ps1 --description lists the targets.
$ErrorActionPreference = 'Stop'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
# Push/Pop rather than Set-Location: a script's Set-Location would leave the caller's shell in the repository.
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
}
exit $exitCode
