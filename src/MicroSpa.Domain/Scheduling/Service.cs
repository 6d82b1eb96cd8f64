using MicroSpa.Domain.Treatments;

namespace MicroSpa.Domain.Scheduling;

/// <summary>An entry on the clinic's menu, e.g. "Microneedling — face and neck".</summary>
public sealed class Service
{
    public const int MinDurationMinutes = 15;
    public const int MaxDurationMinutes = 480;
    public const int MaxBufferMinutes = 120;
    public const decimal MaxPrice = 100_000m;

    private readonly List<BodyArea> _bodyAreas = [];

    private Service()
    {
        Name = Description = string.Empty;
    }

    public Service(
        string name,
        string description,
        ServiceKind kind,
        int durationMinutes,
        decimal price,
        ProviderCredential allowedCredentials,
        int bufferAfterMinutes,
        IEnumerable<BodyArea> bodyAreas)
    {
        Id = Guid.CreateVersion7();
        Name = Description = string.Empty;
        Kind = kind;
        IsActive = true;
        Describe(name, description);
        Reschedule(durationMinutes, bufferAfterMinutes);
        Reprice(price);
        AllowCredentials(allowedCredentials);
        SetBodyAreas(bodyAreas);
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public string Description { get; private set; }
    public ServiceKind Kind { get; private set; }
    public int DurationMinutes { get; private set; }
    public decimal Price { get; private set; }
    public ProviderCredential AllowedCredentials { get; private set; }

    /// <summary>Time after the appointment during which provider, room and device stay blocked (cleaning, notes).</summary>
    public int BufferAfterMinutes { get; private set; }

    /// <summary>Retired services stay on past appointments but cannot be booked.</summary>
    public bool IsActive { get; private set; }

    public int SortOrder { get; private set; }

    /// <summary>The clinic's setting: a client needs a medical clearance (good-faith exam) in force before this treatment.</summary>
    public bool RequiresClearance { get; private set; }

    public IReadOnlyCollection<BodyArea> BodyAreas => _bodyAreas.AsReadOnly();

    /// <summary>How the deposit taken at online booking is worked out (<see cref="Deposit"/>).</summary>
    public Billing.ChargeKind DepositKind { get; private set; }

    /// <summary>The deposit's amount or percent; 0 for none.</summary>
    public decimal DepositValue { get; private set; }

    /// <summary>The deposit taken when this service is booked online: none, a fixed amount or a percent of the price.</summary>
    public Billing.Charge Deposit => Billing.Charge.Restore(DepositKind, DepositValue);

    public void SetDeposit(Billing.Charge deposit)
    {
        DepositKind = deposit.Kind;
        DepositValue = deposit.Value;
    }

    public TimeSpan Duration => TimeSpan.FromMinutes(DurationMinutes);
    public TimeSpan BufferAfter => TimeSpan.FromMinutes(BufferAfterMinutes);
    public bool NeedsDevice => Kind == ServiceKind.Treatment;

    /// <summary>What a booking, draft or waitlist entry of a treatment without a body area is told.</summary>
    public const string AreasRequired = "Choose at least one body area.";

    /// <summary>A treatment is booked on at least one of its body areas; a consultation needs none.</summary>
    public static bool LacksAreas(ServiceKind kind, IReadOnlyCollection<Guid> areaIds)
    {
        ArgumentNullException.ThrowIfNull(areaIds);
        return kind == ServiceKind.Treatment && areaIds.Count == 0;
    }

    /// <inheritdoc cref="LacksAreas(ServiceKind, IReadOnlyCollection{Guid})"/>
    public bool LacksAreas(IReadOnlyCollection<Guid> areaIds) => LacksAreas(Kind, areaIds);

    public bool CanBePerformedBy(Provider provider) =>
        provider.Bookable && (AllowedCredentials & provider.Credential) != 0;

    public void Describe(string name, string description)
    {
        var trimmedName = name?.Trim() ?? string.Empty;
        if (trimmedName.Length is 0 or > FieldLengths.ShortName)
        {
            throw new DomainException($"Enter a service name of 1 to {FieldLengths.ShortName} characters.", nameof(Name));
        }

        var trimmedDescription = description?.Trim() ?? string.Empty;
        if (trimmedDescription.Length > FieldLengths.Description)
        {
            throw new DomainException($"The description has at most {FieldLengths.Description} characters.", nameof(Description));
        }

        Name = trimmedName;
        Description = trimmedDescription;
    }

    public void Reschedule(int durationMinutes, int bufferAfterMinutes)
    {
        if (durationMinutes is < MinDurationMinutes or > MaxDurationMinutes || durationMinutes % 5 != 0)
        {
            throw new DomainException(
                $"The duration is {MinDurationMinutes} to {MaxDurationMinutes} minutes, in steps of 5.", nameof(DurationMinutes));
        }

        if (bufferAfterMinutes is < 0 or > MaxBufferMinutes || bufferAfterMinutes % 5 != 0)
        {
            throw new DomainException(
                $"The buffer after is 0 to {MaxBufferMinutes} minutes, in steps of 5.", nameof(BufferAfterMinutes));
        }

        DurationMinutes = durationMinutes;
        BufferAfterMinutes = bufferAfterMinutes;
    }

    public void Reprice(decimal price)
    {
        if (price < 0m || price > MaxPrice || decimal.Round(price, 2) != price)
        {
            throw new DomainException("Enter a price from 0 with at most two decimals.", nameof(Price));
        }

        Price = price;
    }

    public void AllowCredentials(ProviderCredential credentials)
    {
        var known = ProviderCredential.Esthetician | ProviderCredential.Nurse;
        if (credentials == ProviderCredential.None || (credentials & ~known) != 0)
        {
            throw new DomainException("Choose at least one credential that may perform this service.", nameof(AllowedCredentials));
        }

        AllowedCredentials = credentials;
    }

    public void SetBodyAreas(IEnumerable<BodyArea> bodyAreas)
    {
        var areas = bodyAreas.DistinctBy(a => a.Id).ToList();
        if (Kind == ServiceKind.Treatment && areas.Count == 0)
        {
            throw new DomainException("A treatment covers at least one body area.", nameof(BodyAreas));
        }

        if (areas.FirstOrDefault(a => a.NeverTreat) is { } never)
        {
            throw new DomainException($"{never.Name} is never treated and cannot be on a service.", nameof(BodyAreas));
        }

        _bodyAreas.Clear();
        _bodyAreas.AddRange(areas);
    }

    public void RequireClearance(bool required)
    {
        if (required && Kind != ServiceKind.Treatment)
        {
            throw new DomainException("Only a needling treatment needs a medical clearance.", nameof(RequiresClearance));
        }

        RequiresClearance = required;
    }

    public void PlaceAt(int sortOrder) => SortOrder = sortOrder;

    public void Retire() => IsActive = false;

    public void Reinstate() => IsActive = true;
}
