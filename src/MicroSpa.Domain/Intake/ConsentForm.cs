namespace MicroSpa.Domain.Intake;

/// <summary>
/// A published version of the clinic's microneedling consent text. Versions are never edited: the medical
/// director's change is a new version, and each signature points to the exact text the client read.
/// </summary>
public sealed class ConsentForm
{
    public const int MaxBodyLength = 20_000;

    private ConsentForm()
    {
        Title = Body = string.Empty;
    }

    public ConsentForm(int version, string title, string body, DateTimeOffset publishedAt, Guid? publishedByUserId = null, string? publishedByName = null)
    {
        Version = version;
        Title = title;
        Body = body;
        PublishedAt = publishedAt;
        PublishedByUserId = publishedByUserId;
        PublishedByName = publishedByName;
    }

    public int Version { get; private set; }
    public string Title { get; private set; }
    public string Body { get; private set; }
    public DateTimeOffset PublishedAt { get; private set; }

    /// <summary>The medical director who published it; null for version 1 and versions published before this was recorded.</summary>
    public Guid? PublishedByUserId { get; private set; }

    public string? PublishedByName { get; private set; }

    /// <summary>The next version with the medical director's text; this one stays as it was (signed copies point to it).</summary>
    public ConsentForm Revise(string title, string body, Guid publishedByUserId, string publishedByName, DateTimeOffset now)
    {
        var newTitle = title?.Trim() ?? string.Empty;
        if (newTitle.Length is 0 or > FieldLengths.ShortName)
        {
            throw new DomainException($"Give the consent a title of 1 to {FieldLengths.ShortName} characters.", nameof(Title));
        }

        var newBody = (body ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (newBody.Length is 0 or > MaxBodyLength)
        {
            throw new DomainException($"Write the consent text (1 to {MaxBodyLength} characters).", nameof(Body));
        }

        if (newTitle == Title && newBody == Body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim())
        {
            throw new DomainException($"This is the text of version {Version}: change it to publish a new version.", nameof(Body));
        }

        return new ConsentForm(Version + 1, newTitle, newBody, now.ToUniversalTime(), publishedByUserId, publishedByName);
    }

    /// <summary>Whether a signature of <paramref name="signedVersion"/> still stands, or the client signs this newer text first.</summary>
    public bool Supersedes(int signedVersion) => signedVersion < Version;
}
