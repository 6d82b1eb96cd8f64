namespace MicroSpa.Domain.Treatments;

/// <summary>
/// The family a pen belongs to. SkinPen-class devices have not been evaluated for safety
/// above 1.5 mm, which later drives a charting warning.
/// </summary>
public enum DeviceClass
{
    SkinPenClass = 1,
    DermapenClass = 2,
    Other = 3,
}
