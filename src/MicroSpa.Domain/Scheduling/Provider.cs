namespace MicroSpa.Domain.Scheduling;

/// <summary>An esthetician or nurse who performs treatments (or, if not bookable, supervises).</summary>
public sealed class Provider
{
    private readonly List<WorkingHours> _workingHours = [];

    private Provider()
    {
        DisplayName = string.Empty;
    }

    public Provider(string displayName, ProviderCredential credential, bool bookable)
    {
        Id = Guid.CreateVersion7();
        DisplayName = RequireName(displayName);
        Credential = RequireSingle(credential);
        Bookable = bookable;
    }

    public Guid Id { get; private set; }
    public string DisplayName { get; private set; }
    public ProviderCredential Credential { get; private set; }

    /// <summary>Whether clients and the front desk can put appointments on this provider.</summary>
    public bool Bookable { get; private set; }

    /// <summary>The staff account that signs in as this provider.</summary>
    public Guid? UserId { get; private set; }

    public IReadOnlyCollection<WorkingHours> WorkingHours => _workingHours.AsReadOnly();

    public void Rename(string displayName) => DisplayName = RequireName(displayName);

    public void ChangeCredential(ProviderCredential credential) => Credential = RequireSingle(credential);

    public void SetBookable(bool bookable) => Bookable = bookable;

    public void LinkAccount(Guid userId) => UserId = userId;

    /// <summary>Replaces the regular week. Blocks on the same day may not overlap.</summary>
    public void SetWorkingHours(IEnumerable<WorkingHours> hours)
    {
        // Own copies: the same hours handed to two providers must not be one shared object.
        var list = hours.Select(h => h with { }).ToList();
        for (var i = 0; i < list.Count; i++)
        {
            for (var j = i + 1; j < list.Count; j++)
            {
                if (list[i].Overlaps(list[j]))
                {
                    throw new DomainException($"Working hours on {list[i].Day} overlap.", nameof(WorkingHours));
                }
            }
        }

        _workingHours.Clear();
        _workingHours.AddRange(list.OrderBy(h => h.Day).ThenBy(h => h.Start));
    }

    private static ProviderCredential RequireSingle(ProviderCredential credential) =>
        credential is ProviderCredential.Esthetician or ProviderCredential.Nurse
            ? credential
            : throw new DomainException("A provider is either an esthetician or a nurse.", nameof(Credential));

    private static string RequireName(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > FieldLengths.PersonName)
        {
            throw new DomainException($"Enter a name of 1 to {FieldLengths.PersonName} characters.", nameof(DisplayName));
        }

        return trimmed;
    }
}
