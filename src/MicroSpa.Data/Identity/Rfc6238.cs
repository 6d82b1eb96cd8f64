using System.Security.Cryptography;

namespace MicroSpa.Data.Identity;

/// <summary>
/// The code an authenticator app shows for a key (RFC 6238: HMAC-SHA1 over 30-second steps, 6 digits).
/// MicroSpa checks sign-in codes with it (<c>OneTimeAuthenticatorCodes</c>, which also refuses a code used
/// before) and computes them where it must act as the app: the demo's code hint in Development and the
/// benchmark's sign-in.
/// </summary>
public static class Rfc6238
{
    /// <summary>The 30-second step a moment falls in (the counter the code is computed from).</summary>
    public static long Step(DateTimeOffset at) => at.ToUnixTimeSeconds() / 30;

    public static string Code(string base32Key, DateTimeOffset at) => Code(base32Key, Step(at));

    public static string Code(string base32Key, long step)
    {
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // RFC 6238 specifies HMAC-SHA1; authenticator apps use it.
        var hash = HMACSHA1.HashData(Base32(base32Key), counter);
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
        foreach (var c in text.Replace(" ", string.Empty, StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant())
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
