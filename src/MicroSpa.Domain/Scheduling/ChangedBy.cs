namespace MicroSpa.Domain.Scheduling;

/// <summary>
/// Who made a change, for an appointment's history: an account (staff by their sign-in name, a client as
/// "the client", never by name), or no account with a name that says where the change came from.
/// </summary>
public sealed record ChangedBy(Guid? UserId, string Name);
