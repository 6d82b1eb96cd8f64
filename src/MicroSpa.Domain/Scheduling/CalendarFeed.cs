using System.Security.Cryptography;

namespace MicroSpa.Domain.Scheduling;

/// <summary>
/// A provider's own schedule as a calendar feed: the secret in its address is the only permission to read it
/// (decision 039). 256 random bits, written as 43 base64url characters; renewing draws a new secret, so the old
/// address stops answering.
/// </summary>
public sealed class CalendarFeed
{
    /// <summary>Characters of a token: 32 bytes in base64url without padding.</summary>
    public const int TokenLength = 43;

    private CalendarFeed()
    {
        Token = string.Empty;
    }

    public CalendarFeed(Guid providerId, DateTimeOffset now)
    {
        if (providerId == Guid.Empty)
        {
            throw new DomainException("A calendar feed belongs to a provider.");
        }

        ProviderId = providerId;
        Token = NewToken();
        RenewedAt = now;
    }

    public Guid ProviderId { get; private set; }

    public string Token { get; private set; }

    public DateTimeOffset RenewedAt { get; private set; }

    /// <summary>A new secret: the address with the old one answers nothing from now on.</summary>
    public void Renew(DateTimeOffset now)
    {
        Token = NewToken();
        RenewedAt = now;
    }

    /// <summary>Whether a string could be a token at all (length and alphabet), before anything is looked up.</summary>
    public static bool LooksLikeToken(string? value) =>
        value is { Length: TokenLength } && value.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');

    private static string NewToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
