namespace MicroSpa.Domain.Treatments;

/// <summary>
/// A serum or topical from the clinic's catalog. Products not meant for broken skin (vitamin C, acids,
/// retinoids) are flagged and refused in a chart's serum field: on needled skin they have caused granulomas.
/// </summary>
public sealed class Product
{
    private Product()
    {
        Name = Purpose = string.Empty;
    }

    public Product(string name, string purpose, bool notForNeedledSkin)
    {
        Id = Guid.CreateVersion7();
        Name = Purpose = string.Empty;
        Describe(name, purpose, notForNeedledSkin);
        Active = true;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public string Purpose { get; private set; }
    public bool NotForNeedledSkin { get; private set; }
    public bool Active { get; private set; }

    public void Describe(string name, string purpose, bool notForNeedledSkin)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > FieldLengths.ShortName)
        {
            throw new DomainException($"A product needs a name of 1 to {FieldLengths.ShortName} characters.", nameof(Name));
        }

        var trimmedPurpose = purpose?.Trim() ?? string.Empty;
        if (trimmedPurpose.Length > FieldLengths.ShortName)
        {
            throw new DomainException($"The purpose has at most {FieldLengths.ShortName} characters.", nameof(Purpose));
        }

        Name = trimmed;
        Purpose = trimmedPurpose;
        NotForNeedledSkin = notForNeedledSkin;
    }

    public void Retire() => Active = false;

    public void Reinstate() => Active = true;
}
