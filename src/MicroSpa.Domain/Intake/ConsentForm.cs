namespace MicroSpa.Domain.Intake;

/// <summary>A published version of the clinic's microneedling consent text. Versions are never edited.</summary>
public sealed class ConsentForm
{
    private ConsentForm()
    {
        Title = Body = string.Empty;
    }

    public ConsentForm(int version, string title, string body, DateTimeOffset publishedAt)
    {
        Version = version;
        Title = title;
        Body = body;
        PublishedAt = publishedAt;
    }

    public int Version { get; private set; }
    public string Title { get; private set; }
    public string Body { get; private set; }
    public DateTimeOffset PublishedAt { get; private set; }
}
