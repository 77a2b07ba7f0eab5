namespace Clawker.Tests.Bundling;

/// <summary>The minimal logins the entrypoint tests move about: each names where it came from.</summary>
internal static class EntrypointLogins
{
    public const string Local = """{"claudeAiOauth":{"accessToken":"sk-ant-oat01-LOCAL"}}""";
    public const string Global = """{"claudeAiOauth":{"accessToken":"sk-ant-oat01-GLOBAL"}}""";
    public const string Elsewhere = """{"claudeAiOauth":{"accessToken":"sk-ant-oat01-ELSEWHERE"}}""";
    public const string Real = """{"claudeAiOauth":{"accessToken":"sk-ant-oat01-REAL"}}""";
}
