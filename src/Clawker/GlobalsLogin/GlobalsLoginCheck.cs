using Clawker.Bundling;
using Clawker.Diagnostics;
using Clawker.Docker;
using Clawker.Keyring;
using Docker.DotNet;

namespace Clawker.GlobalsLogin;

/// <summary>
/// The login the agents will use: <c>.credentials.json</c> on the <c>clawker-globals</c> volume,
/// read through the Engine API without starting anything (a helper container created from
/// Clawker's own tiny image, read through the archive endpoint, then removed) and checked by the
/// same pipeline as the host's login. Opt-in, it seeds an empty volume with the host's login.
/// See docs/keyring.md.
/// </summary>
public static class GlobalsLoginCheck
{
    /// <summary>Connects to the engine the options choose and checks the volume's login; see <see cref="CheckAsync"/>.</summary>
    /// <param name="options">Engine, policies, seeding.</param>
    /// <param name="cancellationToken">Cancels the check (the helper container is still removed).</param>
    /// <returns>What was found; <see cref="GlobalsLoginOutcome.NotChecked"/> when no engine answered and the policy allows it.</returns>
    /// <exception cref="CredentialException">The volume's login is blank (1002), malformed or not one regular file (1003), expired without a refresh token (1004); the helper image's name is taken (1020).</exception>
    /// <exception cref="DockerEngineException">CLAWKER2001 under policy Error; 2002-2005.</exception>
    public static async Task<GlobalsLoginReport> RunAsync(GlobalsLoginOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var connection = EngineConnection.Start(() => options.Endpoint, cancellationToken);
        return await RunOnAsync(connection, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks the volume's login on a connection begun earlier (shared with other steps, such as
    /// the volume ensure before <c>dotnet run</c>); an unreachable engine is handled as in
    /// <see cref="RunAsync(GlobalsLoginOptions, CancellationToken)"/>. The engine stays the connection's.
    /// </summary>
    /// <param name="connection">The connection; its endpoint is the one used (not <see cref="GlobalsLoginOptions.Endpoint"/>'s address).</param>
    /// <param name="options">Policies, seeding and the environment.</param>
    /// <param name="cancellationToken">Cancels the check (the helper container is still removed).</param>
    /// <returns>What was found; <see cref="GlobalsLoginOutcome.NotChecked"/> when no engine answered and the policy allows it.</returns>
    /// <exception cref="CredentialException">CLAWKER1002-1004, 1020.</exception>
    /// <exception cref="DockerEngineException">CLAWKER2001 under policy Error; 2002-2005.</exception>
    public static async Task<GlobalsLoginReport> RunOnAsync(EngineConnection connection, GlobalsLoginOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        DockerEngine engine;
        try
        {
            engine = await connection.GetEngineAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DockerEngineException unreachable) when (unreachable.Kind == DockerEngineErrorKind.Unreachable)
        {
            if (options.EngineUnreachable is not { } policy)
            {
                return new GlobalsLoginReport(options.VolumeName, GlobalsLoginOutcome.NotChecked) { Notes = [$"The login on volume {options.VolumeName} was not checked: no Docker engine answered ({unreachable.Code})."] };
            }

            var finding = (options.Policies with { EngineUnreachable = policy }).Classify(unreachable);
            if (finding.IsError)
            {
                throw;
            }

            return new GlobalsLoginReport(options.VolumeName, GlobalsLoginOutcome.NotChecked) { Findings = [finding] };
        }

        var report = await CheckAsync(engine, options, cancellationToken).ConfigureAwait(false);
        // How the engine was reached (TLS without verification) is reported as on every other surface.
        return engine.Endpoint.Findings.Count == 0
            ? report
            : report.With([.. engine.Endpoint.Findings, .. report.Findings], report.Notes);
    }

    /// <summary>
    /// Checks the login on the volume of a connected engine. No volume, or no login on it, is a
    /// note (the first agent will ask for /login); a login is parsed and validated as the host's
    /// is. With <see cref="GlobalsLoginOptions.Seed"/> and a <see cref="GlobalsLoginOptions.HostLogin"/>,
    /// an empty volume gets the host's login (CLAWKER1021, a warning: one refresh token, shared).
    /// </summary>
    /// <param name="engine">The connected engine.</param>
    /// <param name="options">Policies and seeding (the endpoint is not used).</param>
    /// <param name="cancellationToken">Cancels the check (the helper container is still removed).</param>
    /// <returns>What was found or done.</returns>
    /// <exception cref="CredentialException">CLAWKER1002-1004, 1020.</exception>
    /// <exception cref="DockerEngineException">CLAWKER2002 (the volume is not clawker's), 2001/2003/2005 from the engine.</exception>
    public static async Task<GlobalsLoginReport> CheckAsync(DockerEngine engine, GlobalsLoginOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(options);
        var volume = options.VolumeName;
        if (await InspectVolumeAsync(engine, volume, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return new GlobalsLoginReport(volume, GlobalsLoginOutcome.NoVolume)
            {
                Notes = [$"volume {volume} does not exist yet on the Docker engine at {engine.Endpoint}; once it is made, the first agent will ask for /login."],
            };
        }

        // Parse the ids before anything is made, so a bad option costs nothing (and is reported even when a record answers).
        var owner = options.Seed ? (Uid: ImageOptionsValidator.ParseId("Uid", options.Uid), Gid: ImageOptionsValidator.ParseId("Gid", options.Gid)) : default;
        var record = options.RecordFile is { Length: > 0 } file ? file : null;
        if (record is not null && await GlobalsLoginRecord.ReuseAsync(record, engine.Endpoint, volume, found.CreatedAt, options, cancellationToken).ConfigureAwait(false) is { } recorded)
        {
            return recorded;
        }

        var report = await ReadVolumeAsync(engine, options, owner, cancellationToken).ConfigureAwait(false);
        return record is not null && await GlobalsLoginRecord.SaveAsync(record, engine.Endpoint, volume, found.CreatedAt, report, options, cancellationToken).ConfigureAwait(false) is { } unrecorded
            ? report.With(report.Findings, [.. report.Notes, unrecorded])
            : report;
    }

    // The volume exists and is clawker's: its login read through a helper container (and seeded, opted in).
    private static async Task<GlobalsLoginReport> ReadVolumeAsync(DockerEngine engine, GlobalsLoginOptions options, (int Uid, int Gid) owner, CancellationToken cancellationToken)
    {
        var volume = options.VolumeName;
        var source = $"volume {volume}";
        var findings = new List<ClawkerFinding>();
        var notes = new List<string>();
        var seed = options.Seed ? options.HostLogin : null;
        var helper = await VolumeHelper.CreateAsync(engine, volume, writable: seed is not null, cancellationToken).ConfigureAwait(false);
        await using (helper.ConfigureAwait(false))
        {
            if (await helper.ReadAsync(cancellationToken).ConfigureAwait(false) is { } text)
            {
                return Found(volume, GlobalsLoginOutcome.LoginFound, text, options, findings, notes);
            }

            if (!options.Seed)
            {
                notes.Add($"There is no login in {source}: the first agent will ask for /login.");
                return new GlobalsLoginReport(volume, GlobalsLoginOutcome.NoLogin) { Findings = findings, Notes = notes };
            }

            if (seed is null)
            {
                findings.Add(new ClawkerFinding(ClawkerPolicy.Warning, ErrorCodes.GlobalsLoginNotSeeded,
                    $"{source} has no login, and it was not seeded: there is no host login to copy (none was found, or an environment variable makes Claude Code ignore it). The first agent will ask for /login."));
                return new GlobalsLoginReport(volume, GlobalsLoginOutcome.NoLogin) { Findings = findings, Notes = notes };
            }

            // The archive endpoint has no create-if-absent: the read found nothing, and the write
            // looks once more, at once before writing (WriteIfAbsentAsync). A login an agent makes
            // within that one round trip is still replaced by the host's (docs/keyring.md).
            bool written;
            using (var archive = LoginArchive.Single(seed.Reveal(), owner.Uid, owner.Gid, options.TimeProvider.GetUtcNow()))
            {
                written = await helper.WriteIfAbsentAsync(archive, cancellationToken).ConfigureAwait(false);
            }

            if (!written)
            {
                findings.Add(new ClawkerFinding(ClawkerPolicy.Warning, ErrorCodes.GlobalsLoginNotSeeded,
                    $"{source} was not seeded: a login appeared there while Clawker was checking (an agent logged in). It was left as it is; the next check reads it."));
                return new GlobalsLoginReport(volume, GlobalsLoginOutcome.NoLogin) { Findings = findings, Notes = notes };
            }

            findings.Add(new ClawkerFinding(ClawkerPolicy.Warning, ErrorCodes.GlobalsLoginSeeded,
                $"The host's Claude Code login was copied into {source} (mode 0600, owner {owner.Uid}:{owner.Gid}). Host and agents now share one refresh token: " +
                "when one side refreshes it, the other can be logged out. For CI, prefer a long-lived token: run `claude setup-token` and give the agents CLAUDE_CODE_OAUTH_TOKEN."));
            var stored = await helper.ReadAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new CredentialException(CredentialErrorKind.NotFound, source, $"The login written to {source} is not there after the write. Check the engine's storage for the volume.");
            return Found(volume, GlobalsLoginOutcome.Seeded, stored, options, findings, notes);
        }
    }

    private static GlobalsLoginReport Found(string volume, GlobalsLoginOutcome outcome, string text, GlobalsLoginOptions options, List<ClawkerFinding> findings, List<string> notes)
    {
        var source = $"volume {volume}";
        var stored = ClaudeCodeCredentials.Service(options.Endpoint.Environment, options.TimeProvider).Interpret(text, source);
        var login = ClaudeCodeCredentials.Result(stored, options.TimeProvider, notes);
        findings.AddRange(login.Findings.Select(f => options.Policies.Classify(f, source)));
        return new GlobalsLoginReport(volume, outcome) { Login = login, Findings = findings, Notes = [.. login.Notes] };
    }

    // The volume's description (its creation time identifies it for the record), or null when there is none.
    private static Task<global::Docker.DotNet.Models.VolumeResponse?> InspectVolumeAsync(DockerEngine engine, string volume, CancellationToken cancellationToken) =>
        engine.InvokeAsync<global::Docker.DotNet.Models.VolumeResponse?>(async (client, ct) =>
        {
            try
            {
                var found = await client.Volumes.InspectAsync(volume, ct).ConfigureAwait(false)
                    ?? throw EngineErrors.Malformed(engine.Endpoint, $"GET /volumes/{volume}", "an empty answer (null)");
                // Never read (or seed) a volume of clawker's name that is not clawker's.
                ClawkerVolumes.CheckLabels(engine.Endpoint, volume, volume[ClawkerNames.VolumePrefix.Length..], found.Labels);
                return found;
            }
            catch (DockerApiException ex) when (EngineErrors.IsNotFound(ex))
            {
                return null;
            }
        }, cancellationToken);
}
