namespace MicroSpa.Domain.Scheduling;

public enum ServiceKind
{
    /// <summary>Needling: uses a device and at least one body area.</summary>
    Treatment = 1,

    /// <summary>A conversation and skin assessment: no device, no needling.</summary>
    Consultation = 2,
}
