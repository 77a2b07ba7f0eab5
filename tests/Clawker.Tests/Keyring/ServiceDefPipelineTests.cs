namespace Clawker.Tests.Keyring;

public class ServiceDefPipelineTests
{
    private const string Service = "pipeline-test";
    private const string User = "bob";

    private static ServiceDef<int> Def(Func<string>? user = null, Action<int, string>? validate = null) => new()
    {
        ServiceName = Service,
        ResolveUser = user ?? (() => User),
        Parse = text => int.TryParse(text, out var n) ? n : throw new FormatException("'value' is not a number"),
        Validate = validate,
    };

    private static async Task<InMemoryKeyring> With(string secret)
    {
        var keyring = new InMemoryKeyring();
        await keyring.SetAsync(Service, User, secret);
        return keyring;
    }

    [Fact]
    public async Task Valid_entry_is_parsed_and_kept_verbatim_with_its_source()
    {
        var stored = await Def().GetAsync(await With("42"), TestContext.Current.CancellationToken);

        stored.Value.ShouldBe(42);
        stored.Raw.Reveal().ShouldBe("42");
        stored.Source.ShouldBe($"in-memory keyring (service '{Service}', user '{User}')");
    }

    [Fact]
    public async Task Unresolvable_user_fails_first_with_NotFound_before_the_keyring_is_asked()
    {
        var keyring = new FailingKeyring(where => new CredentialException(CredentialErrorKind.Unavailable, where, "must not be reached"));
        var def = Def(user: () => throw new InvalidOperationException("no USER"));

        var error = await Should.ThrowAsync<CredentialException>(() => def.GetAsync(keyring)).OfKind(CredentialErrorKind.NotFound);

        error.Kind.ShouldBe(CredentialErrorKind.NotFound);
        error.Message.ShouldContain("OS user name cannot be resolved");
    }

    [Fact]
    public async Task Missing_entry_is_NotFound()
    {
        var error = await Should.ThrowAsync<CredentialException>(() => Def().GetAsync(new InMemoryKeyring()));
        error.Kind.ShouldBe(CredentialErrorKind.NotFound);
        error.Code.ShouldBe(ErrorCodes.CredentialNotFound);
    }

    [Theory]
    [InlineData(CredentialErrorKind.Timeout)]
    [InlineData(CredentialErrorKind.Unavailable)]
    public async Task Keyring_failures_pass_through_before_parsing(CredentialErrorKind kind)
    {
        var keyring = new FailingKeyring(where => kind == CredentialErrorKind.Timeout
            ? new CredentialException(CredentialErrorKind.Timeout, where, "slow")
            : new CredentialException(CredentialErrorKind.Unavailable, where, "no bus"));

        var error = await Should.ThrowAsync<CredentialException>(() => Def().GetAsync(keyring));
        error.Kind.ShouldBe(kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t")]
    public async Task Blank_entry_is_Empty_not_InvalidSchema(string blank)
    {
        var error = await Should.ThrowAsync<CredentialException>(async () => await Def().GetAsync(await With(blank)));
        error.Kind.ShouldBe(CredentialErrorKind.Empty);
        error.Code.ShouldBe(ErrorCodes.CredentialEmpty);
    }

    [Fact]
    public async Task Parse_failure_is_InvalidSchema_wrapping_the_parse_error()
    {
        var error = await Should.ThrowAsync<CredentialException>(async () => await Def().GetAsync(await With("forty-two"))).OfKind(CredentialErrorKind.InvalidSchema);

        error.Kind.ShouldBe(CredentialErrorKind.InvalidSchema);
        error.InnerException.ShouldBeOfType<FormatException>();
        error.Message.ShouldContain("'value' is not a number");
        error.Message.ShouldNotContain("forty-two");
    }

    [Fact]
    public async Task Validation_runs_last_and_only_on_parsed_values()
    {
        var validated = new List<int>();
        var def = Def(validate: (value, source) =>
        {
            validated.Add(value);
            throw new CredentialException(CredentialErrorKind.Expired, source, "too old");
        });

        await Should.ThrowAsync<CredentialException>(async () => await def.GetAsync(await With("nope"))).OfKind(CredentialErrorKind.InvalidSchema);
        validated.ShouldBeEmpty();

        var error = await Should.ThrowAsync<CredentialException>(async () => await def.GetAsync(await With("7")));
        error.Kind.ShouldBe(CredentialErrorKind.Expired);
        error.Code.ShouldBe(ErrorCodes.CredentialExpired);
        validated.ShouldBe([7]);
    }

    [Theory]
    [InlineData(CredentialErrorKind.NotFound, "CLAWKER1001")]
    [InlineData(CredentialErrorKind.Empty, "CLAWKER1002")]
    [InlineData(CredentialErrorKind.InvalidSchema, "CLAWKER1003")]
    [InlineData(CredentialErrorKind.Expired, "CLAWKER1004")]
    [InlineData(CredentialErrorKind.Timeout, "CLAWKER1006")]
    [InlineData(CredentialErrorKind.Unavailable, "CLAWKER1007")]
    [InlineData(CredentialErrorKind.SecretTooLarge, "CLAWKER1010")]
    [InlineData(CredentialErrorKind.InvalidSetting, "CLAWKER1009")]
    public void Every_kind_maps_to_its_code(CredentialErrorKind kind, string code) =>
        CredentialException.CodeFor(kind).ShouldBe(code);

    [Fact]
    public void Every_exception_carries_its_kind_and_derives_from_ClawkerException()
    {
        CredentialException[] all = [.. Enum.GetValues<CredentialErrorKind>().Select(kind => new CredentialException(kind, "s", "m"))];

        all.Select(e => e.Kind).ShouldBe(Enum.GetValues<CredentialErrorKind>());
        all.ShouldAllBe(e => e is ClawkerException && e.Code == CredentialException.CodeFor(e.Kind) && e.Store == "s");
    }
}
