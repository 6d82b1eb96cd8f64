namespace MicroSpa.Domain.Intake;

/// <summary>A client's agreement to one version of the consent text, with the evidence of how it was given.</summary>
public sealed class ConsentSignature
{
    public const int MaxUserAgentLength = 512;

    private ConsentSignature()
    {
        TypedName = IpAddress = UserAgent = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public int FormVersion { get; private set; }
    public string TypedName { get; private set; }
    public bool PhotoConsent { get; private set; }
    public DateTimeOffset SignedAt { get; private set; }
    public string IpAddress { get; private set; }
    public string UserAgent { get; private set; }

    /// <summary>The client signs by typing their full name as the clinic has it (case and spacing do not matter).</summary>
    public static ConsentSignature Sign(
        Clients.Client client, ConsentForm form, string typedName, bool photoConsent, DateTimeOffset now, string ipAddress, string userAgent)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(form);
        var typed = Normalize(typedName);
        if (typed.Length == 0)
        {
            throw new DomainException("Type your full name to sign.", nameof(TypedName));
        }

        if (!string.Equals(typed, Normalize(client.FullName), StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException($"Type your full name as we have it: {client.FullName}.", nameof(TypedName));
        }

        return new ConsentSignature
        {
            Id = Guid.CreateVersion7(),
            ClientId = client.Id,
            FormVersion = form.Version,
            TypedName = typedName.Trim(),
            PhotoConsent = photoConsent,
            SignedAt = now.ToUniversalTime(),
            IpAddress = ipAddress,
            UserAgent = userAgent.Length > MaxUserAgentLength ? userAgent[..MaxUserAgentLength] : userAgent,
        };
    }

    private static string Normalize(string? name) =>
        string.Join(' ', (name ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
