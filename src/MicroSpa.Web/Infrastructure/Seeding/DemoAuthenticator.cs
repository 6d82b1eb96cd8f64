using System.Security.Cryptography;

namespace MicroSpa.Web.Infrastructure.Seeding;

/// <summary>
/// The code an authenticator app holding <see cref="DemoClinicSeeder.DemoAuthenticatorKey"/> shows now
/// (RFC 6238), so the demo can be tried without an app. Shown only in Development, only for the demo
/// clinic's accounts (the <see cref="DemoDomain"/> addresses).
/// </summary>
public static class DemoAuthenticator
{
    public const string DemoDomain = "@microspa.test";

    public static string CodeAt(DateTimeOffset at)
    {
        var counter = BitConverter.GetBytes(at.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238 specifies HMAC-SHA1; authenticator apps use it.
        var hash = HMACSHA1.HashData(Base32(DemoClinicSeeder.DemoAuthenticatorKey), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
