namespace MicroSpa.Domain.Treatments;

/// <summary>A microneedling pen the clinic owns. One device treats one client at a time.</summary>
public sealed class Device
{
    /// <summary>No pen on the market needles deeper than this.</summary>
    public const decimal AbsoluteMaximumDepthMm = 3.0m;

    private Device()
    {
        Name = Model = string.Empty;
    }

    public Device(string name, string model, DeviceClass deviceClass, decimal maxDepthMm, decimal depthStepMm)
    {
        Id = Guid.CreateVersion7();
        Name = RequireText(name, nameof(Name));
        Model = RequireText(model, nameof(Model));
        Class = deviceClass;
        InService = true;
        if (depthStepMm <= 0m || depthStepMm > 1m)
        {
            throw new DomainException("The depth step must be more than 0 and at most 1 mm.", nameof(DepthStepMm));
        }

        if (maxDepthMm <= 0m || maxDepthMm > AbsoluteMaximumDepthMm)
        {
            throw new DomainException($"The maximum depth must be more than 0 and at most {AbsoluteMaximumDepthMm} mm.", nameof(MaxDepthMm));
        }

        if (maxDepthMm % depthStepMm != 0m)
        {
            throw new DomainException("The maximum depth must be a whole number of depth steps.", nameof(MaxDepthMm));
        }

        MaxDepthMm = maxDepthMm;
        DepthStepMm = depthStepMm;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public string Model { get; private set; }
    public DeviceClass Class { get; private set; }
    public decimal MaxDepthMm { get; private set; }
    public decimal DepthStepMm { get; private set; }
    public bool InService { get; private set; }

    /// <summary>True when the pen can physically be set to this depth.</summary>
    public bool CanBeSetTo(decimal depthMm) =>
        depthMm > 0m && depthMm <= MaxDepthMm && depthMm % DepthStepMm == 0m;

    public void TakeOutOfService() => InService = false;

    public void ReturnToService() => InService = true;

    private static string RequireText(string value, string field)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > FieldLengths.ShortName)
        {
            throw new DomainException($"Enter 1 to {FieldLengths.ShortName} characters.", field);
        }

        return trimmed;
    }
}
