using System.Security.Cryptography;
using System.Text;

namespace MicroSpa.Domain.Wallet;

/// <summary>
/// A gift card's code (decision 048): 20 characters of Crockford's base 32 (no I, L, O or U), 100 random bits, printed in five
/// groups of four ("7K3Q-…"). Only its SHA-256 is stored, for the lookup, and its last four for display: the last four are
/// printed on receipts, so the 80 bits before them are what nobody but the holder knows.
/// </summary>
public static class GiftCardCode
{
    public const int Length = 20;
    public const int LastFourLength = 4;
    public const int HashLength = 64;

    /// <summary>What the bits of a code come to (5 bits per character).</summary>
    public const int Bits = Length * 5;

    /// <summary>The smallest and largest value a gift card is sold for.</summary>
    public const decimal MinValue = 5m;
    public const decimal MaxValue = 5000m;

    /// <summary>The longest code a person may type, with spaces or dashes between the groups.</summary>
    public const int InputLength = 40;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new code from the system's cryptographic random source, not formatted.</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[Length];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            // 256 is a multiple of 32: the low five bits of each byte are uniform.
            chars[i] = Alphabet[bytes[i] & 31];
        }

        return new string(chars);
    }

    /// <summary>The code in five groups of four, as shown once and emailed.</summary>
    public static string Format(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return string.Join('-', Enumerable.Range(0, code.Length / 4).Select(i => code.Substring(i * 4, 4)));
    }

    /// <summary>
    /// What a person typed, read as a code: spaces and dashes dropped, lower case raised, O read as 0 and I or L as 1 (as
    /// Crockford's base 32 says). Null when it cannot be a code (wrong length, a character outside the alphabet).
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > InputLength)
        {
            return null;
        }

        var code = new StringBuilder(Length);
        foreach (var c in typed.ToUpperInvariant())
        {
            var read = c switch
            {
                ' ' or '-' => '\0',
                'O' => '0',
                'I' or 'L' => '1',
                _ => c,
            };
            if (read == '\0')
            {
                continue;
            }

            if (!Alphabet.Contains(read, StringComparison.Ordinal))
            {
                return null;
            }

            code.Append(read);
        }

        return code.Length == Length ? code.ToString() : null;
    }

    /// <summary>The stored lookup key of a normalized code: its SHA-256 in lower-case hex (100 random bits need no salt).</summary>
    public static string Hash(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(code)));
    }

    public static string LastFour(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code[^LastFourLength..];
    }
}
