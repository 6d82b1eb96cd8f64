namespace MicroSpa.Data.Identity;

/// <summary>
/// A signed-in session kept on the server (the cookie holds only its id, encrypted): signing out, an
/// Admin ending someone's access, a password change or "sign out everywhere" deletes the row, and the
/// cookie opens nothing from the next request on, on every app instance (decision 022).
/// </summary>
public sealed class AuthSession
{
    public const int DeviceLength = 200;

    public AuthSession(Guid id, Guid userId, byte[] ticket, string device, DateTimeOffset createdAt, DateTimeOffset? expiresAt)
    {
        Id = id;
        UserId = userId;
        Ticket = ticket;
        Device = device.Length > DeviceLength ? device[..DeviceLength] : device;
        CreatedAt = createdAt;
        LastSeenAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }

    /// <summary>The serialized authentication ticket (claims and session times) the cookie used to carry.</summary>
    public byte[] Ticket { get; private set; }

    /// <summary>The browser's User-Agent when the session began, shown to its owner as the device.</summary>
    public string Device { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
}
