namespace MicroSpa.Domain.Treatments;

/// <summary>Where on the body an area is; used to group areas on menus and charts.</summary>
public enum BodyRegion
{
    Face = 1,
    Neck = 2,
    Chest = 3,
    Scalp = 4,
    Torso = 5,
    Arms = 6,
    Hands = 7,
    Legs = 8,
    Back = 9,
}
