namespace Neon.Api.Testing.Internal.State;

/// <summary>Ids of snapshots, functions and credentials.</summary>
internal sealed partial class IdGenerator
{
    private const string Hex = "0123456789abcdef";

    /// <summary>A snapshot id such as <c>snap-silent-river-a1b2c3d4</c>.</summary>
    public string SnapshotId() => $"snap-{Words()}-{Chars(Alphanumeric, 8)}";

    /// <summary>An opaque function id such as <c>fn-a1b2c3d4e5f6g7h8</c>.</summary>
    public string FunctionId() => $"fn-{Chars(Alphanumeric, 16)}";

    /// <summary>A credential id, <c>nak_live_</c> and 32 hexadecimal digits.</summary>
    public string CredentialId() => "nak_live_" + Chars(Hex, 32);

    /// <summary>A credential's bearer token (a secret, returned once).</summary>
    public string CredentialToken() => "nat_live_" + Chars(Alphanumeric, 48);

    /// <summary>A credential's S3 secret access key, <c>nsk_live_</c> and 64 hexadecimal digits (returned once).</summary>
    public string S3SecretAccessKey() => "nsk_live_" + Chars(Hex, 64);
}
