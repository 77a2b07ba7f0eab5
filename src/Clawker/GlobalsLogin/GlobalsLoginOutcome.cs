namespace Clawker.GlobalsLogin;

/// <summary>What <see cref="GlobalsLoginCheck"/> found on the volume.</summary>
public enum GlobalsLoginOutcome
{
    /// <summary>No engine answered, and the policy let the check go on without it.</summary>
    NotChecked,

    /// <summary>The volume does not exist yet (ensuring it creates it empty).</summary>
    NoVolume,

    /// <summary>The volume holds no login: the first agent will ask for /login.</summary>
    NoLogin,

    /// <summary>The volume holds a login, and it passed the check.</summary>
    LoginFound,

    /// <summary>The volume held no login; the host's was written there (opt-in).</summary>
    Seeded,
}
