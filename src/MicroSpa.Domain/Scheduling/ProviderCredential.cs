namespace MicroSpa.Domain.Scheduling;

/// <summary>
/// A provider's clinical credential. A service lists the credentials allowed to perform it
/// (several may be combined), so the values are flags.
/// </summary>
[Flags]
public enum ProviderCredential
{
    None = 0,
    Esthetician = 1,
    Nurse = 2,
}
