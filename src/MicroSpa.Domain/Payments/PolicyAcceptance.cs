namespace MicroSpa.Domain.Payments;

/// <summary>
/// A client accepted the clinic's payment policy to book (issue 18), kept like a consent signature: the policy version
/// and the words of what was asked (the deposit, the card kept, the fees), when, from which address and browser. It is
/// the first page of a dispute's evidence. Insert-only.
/// </summary>
public sealed class PolicyAcceptance
{
    public const int AskedLength = 500;
    public const int AddressLength = 64;
    public const int UserAgentLength = 512;

    private PolicyAcceptance()
    {
        Asked = string.Empty;
    }

    public PolicyAcceptance(Guid clientId, Guid appointmentId, int policyVersion, string asked, DateTimeOffset acceptedAt, string? address, string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(asked))
        {
            throw new DomainException("Say what the client accepted.");
        }

        Id = Guid.CreateVersion7();
        ClientId = clientId;
        AppointmentId = appointmentId;
        PolicyVersion = policyVersion;
        Asked = asked.Length > AskedLength ? asked[..AskedLength] : asked;
        AcceptedAt = acceptedAt.ToUniversalTime();
        Address = address is { Length: > AddressLength } ? address[..AddressLength] : address;
        UserAgent = userAgent is { Length: > UserAgentLength } ? userAgent[..UserAgentLength] : userAgent;
    }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public Guid AppointmentId { get; private set; }

    /// <summary>The version of the payment policy text (payment_policy_texts) shown.</summary>
    public int PolicyVersion { get; private set; }

    /// <summary>What was asked, in the words shown ("A deposit of $50.00 today; …").</summary>
    public string Asked { get; private set; }

    public DateTimeOffset AcceptedAt { get; private set; }
    public string? Address { get; private set; }
    public string? UserAgent { get; private set; }
}
