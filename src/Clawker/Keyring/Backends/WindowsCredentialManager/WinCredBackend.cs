using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Clawker.Keyring.Backends;

/// <summary>Windows Credential Manager, keyed as go-keyring keys it (see <see cref="WinCredFormat"/>).</summary>
internal sealed class WinCredBackend : IKeyringBackend
{
    public KeyringBackendKind Kind => KeyringBackendKind.WindowsCredentialManager;

    public string Describe(string service, string user) => $"Windows Credential Manager (target '{service}:{user}')";

    public string? Get(string service, string user, CancellationToken cancellationToken)
    {
        var where = Describe(service, user);
        EnsureWindows(where);
        if (!WinCredNative.CredRead(WinCredFormat.Target(service, user), WinCredNative.TypeGeneric, 0, out var pointer))
        {
            var error = Marshal.GetLastPInvokeError();
            return error == WinCredNative.ErrorNotFound ? null : throw Failed(where, "CredReadW", error);
        }

        try
        {
            var credential = Marshal.PtrToStructure<WinCredNative.Credential>(pointer);
            var blob = new byte[credential.CredentialBlobSize];
            if (blob.Length > 0)
            {
                Marshal.Copy(credential.CredentialBlob, blob, 0, blob.Length);
            }

            return WinCredFormat.Decode(blob, where);
        }
        finally
        {
            WinCredNative.CredFree(pointer);
        }
    }

    public void Set(string service, string user, string secret, CancellationToken cancellationToken)
    {
        var where = Describe(service, user);
        EnsureWindows(where);
        var blob = WinCredFormat.Encode(secret, where);
        var target = Marshal.StringToHGlobalUni(WinCredFormat.Target(service, user));
        var userName = Marshal.StringToHGlobalUni(user);
        var data = Marshal.AllocHGlobal(Math.Max(blob.Length, 1));
        try
        {
            Marshal.Copy(blob, 0, data, blob.Length);
            var credential = new WinCredNative.Credential
            {
                Type = WinCredNative.TypeGeneric,
                TargetName = target,
                UserName = userName,
                CredentialBlob = data,
                CredentialBlobSize = blob.Length,
                Persist = WinCredNative.PersistLocalMachine,
            };
            if (!WinCredNative.CredWrite(ref credential, 0))
            {
                throw Failed(where, "CredWriteW", Marshal.GetLastPInvokeError());
            }
        }
        finally
        {
            Marshal.FreeHGlobal(data);
            Marshal.FreeHGlobal(userName);
            Marshal.FreeHGlobal(target);
        }
    }

    public bool Delete(string service, string user, CancellationToken cancellationToken)
    {
        var where = Describe(service, user);
        EnsureWindows(where);
        if (WinCredNative.CredDelete(WinCredFormat.Target(service, user), WinCredNative.TypeGeneric, 0))
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == WinCredNative.ErrorNotFound ? false : throw Failed(where, "CredDeleteW", error);
    }

    private static void EnsureWindows(string where)
    {
        if (!OperatingSystem.IsWindows())
        {
            throw new CredentialException(CredentialErrorKind.Unavailable, where, $"{where}: Windows Credential Manager exists only on Windows. Set {KeyringOptions.BackendVariable} to this system's store, or to none.");
        }
    }

    private static CredentialException Failed(string where, string call, int error) => new(
        CredentialErrorKind.Unavailable,
        where,
        $"{where}: {call} failed: {new Win32Exception(error).Message} (error {error}). Check that Credential Manager is usable in this session, or set {KeyringOptions.BackendVariable}=none.");
}
