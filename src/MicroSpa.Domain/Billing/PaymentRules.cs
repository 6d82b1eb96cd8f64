namespace MicroSpa.Domain.Billing;

/// <summary>What the clinic asks of a client whose record calls for it.</summary>
public enum Safeguard
{
    /// <summary>
    /// A deposit is taken when booking: the service's, or on a service that takes none the no-show fee (a card is saved
    /// when the clinic has no no-show fee either).
    /// </summary>
    Deposit = 1,

    /// <summary>A card is saved, nothing is charged when booking (a service's own deposit is still taken).</summary>
    CardOnFile = 2,
}

/// <summary>
/// The clinic-wide rules of online payments: whether a clean record waives the deposit, what a no-show or repeated
/// late cancellations call for, within how many months a record is read, and the two fees. Checked when built.
/// </summary>
public sealed record PaymentRules
{
    public const int MaxRecordMonths = 36;
    public const int MaxLateCancellations = 20;

    public PaymentRules(
        bool waiveForCleanRecord, int recordMonths, bool requireAfterNoShow, int lateCancellationsBeforeRequired,
        Safeguard safeguard, Charge cancellationFee, Charge noShowFee)
    {
        if (recordMonths is < 1 or > MaxRecordMonths)
        {
            throw new DomainException($"A record is read over 1 to {MaxRecordMonths} months.", nameof(RecordMonths));
        }

        if (lateCancellationsBeforeRequired is < 0 or > MaxLateCancellations)
        {
            throw new DomainException($"Enter 0 (never) to {MaxLateCancellations} late cancellations.", nameof(LateCancellationsBeforeRequired));
        }

        if (safeguard is not (Safeguard.Deposit or Safeguard.CardOnFile))
        {
            throw new DomainException("Choose a deposit or a card on file.", nameof(Safeguard));
        }

        WaiveForCleanRecord = waiveForCleanRecord;
        RecordMonths = recordMonths;
        RequireAfterNoShow = requireAfterNoShow;
        LateCancellationsBeforeRequired = lateCancellationsBeforeRequired;
        Safeguard = safeguard;
        CancellationFee = cancellationFee;
        NoShowFee = noShowFee;
    }

    /// <summary>The rules of a clinic that has set none: the service's deposit, no fee.</summary>
    public static PaymentRules Default { get; } = new(false, 12, false, 0, Safeguard.CardOnFile, Charge.Nothing, Charge.Nothing);

    /// <summary>A client who kept a visit and missed none within <see cref="RecordMonths"/> pays no deposit.</summary>
    public bool WaiveForCleanRecord { get; }

    /// <summary>How many months back a client's record is read, for the waiver and for the requirement.</summary>
    public int RecordMonths { get; }

    /// <summary>A no-show within <see cref="RecordMonths"/> calls for the <see cref="Safeguard"/>.</summary>
    public bool RequireAfterNoShow { get; }

    /// <summary>This many late cancellations within <see cref="RecordMonths"/> call for the <see cref="Safeguard"/>; 0: never.</summary>
    public int LateCancellationsBeforeRequired { get; }

    public Safeguard Safeguard { get; }

    public Charge CancellationFee { get; }

    public Charge NoShowFee { get; }
}
