namespace Clawker.Tests.Diagnostics;

/// <summary>The one rule both surfaces relay: which policy a finding falls under.</summary>
public class ClawkerPoliciesTests
{
    private static readonly ClawkerPolicies Chosen = new()
    {
        CredentialNotFound = ClawkerPolicy.Ignore,
        CredentialRefreshable = ClawkerPolicy.Error,
        EngineUnreachable = ClawkerPolicy.Warning,
    };

    [Fact]
    public void Defaults_warn_on_credentials_and_fail_on_an_unreachable_engine()
    {
        ClawkerPolicies.Default.CredentialNotFound.ShouldBe(ClawkerPolicy.Warning);
        ClawkerPolicies.Default.CredentialRefreshable.ShouldBe(ClawkerPolicy.Warning);
        ClawkerPolicies.Default.EngineUnreachable.ShouldBe(ClawkerPolicy.Error);
    }

    [Fact]
    public void A_refreshable_login_follows_its_policy_and_other_findings_warn()
    {
        var refreshable = Chosen.Classify(CredentialFinding.ExpiredButRefreshable, "file /x");
        refreshable.ShouldBe(new ClawkerFinding(ClawkerPolicy.Error, ErrorCodes.CredentialExpiredRefreshable, CredentialFindings.Describe(CredentialFinding.ExpiredButRefreshable, "file /x")));
        Chosen.Classify(CredentialFinding.ScopeMissingInference, "file /x").Policy.ShouldBe(ClawkerPolicy.Warning);
        refreshable.ToString().ShouldStartWith("CLAWKER1005: ");
    }

    [Fact]
    public void Failures_follow_the_policy_of_their_code_and_every_other_failure_is_an_error()
    {
        var notFound = new CredentialException(CredentialErrorKind.NotFound, "file /x", "no login");
        var unreachable = DockerEngineException.Unreachable(null, "no engine");
        var expired = new CredentialException(CredentialErrorKind.Expired, "file /x", "expired");

        Chosen.Classify(notFound).Policy.ShouldBe(ClawkerPolicy.Ignore);
        Chosen.Classify(unreachable).Policy.ShouldBe(ClawkerPolicy.Warning);
        Chosen.Tolerates(unreachable).ShouldBeTrue();
        Chosen.Classify(expired).Policy.ShouldBe(ClawkerPolicy.Error);
        ClawkerPolicies.Default.Tolerates(unreachable).ShouldBeFalse();
        Chosen.Classify(notFound).Message.ShouldBe("no login");
    }

    [Fact]
    public void An_ssh_host_that_cannot_be_reached_follows_the_unreachable_policy_and_other_ssh_failures_are_errors()
    {
        var refused = DockerEngineException.Ssh(DockerEngineErrorKind.SshConnectFailed, null, "refused");
        var hostKey = DockerEngineException.Ssh(DockerEngineErrorKind.SshHostKeyRejected, null, "host key");

        Chosen.Tolerates(refused).ShouldBeTrue();
        ClawkerPolicies.Default.Tolerates(refused).ShouldBeFalse();
        Chosen.Tolerates(hostKey).ShouldBeFalse();
    }
}
