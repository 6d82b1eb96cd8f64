namespace MicroSpa.Domain;

/// <summary>
/// One length per kind of text, shared by the EF configurations (column sizes) and the
/// validators (input messages), so the two can never disagree.
/// </summary>
public static class FieldLengths
{
    public const int PersonName = 100;
    public const int Email = 254;
    public const int Phone = 32;
    public const int Password = 128;
    public const int ShortName = 80;
    public const int Description = 1000;
    public const int Note = 2000;
}
