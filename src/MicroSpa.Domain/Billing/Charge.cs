using System.Globalization;

namespace MicroSpa.Domain.Billing;

/// <summary>How a deposit or a fee is worked out from a service's price.</summary>
public enum ChargeKind
{
    /// <summary>Nothing is charged.</summary>
    None = 0,

    /// <summary>A fixed amount in the clinic's currency, never more than the service's price.</summary>
    Fixed = 1,

    /// <summary>A share of the service's price, 0 to 100 %, rounded to the cent half away from zero.</summary>
    Percent = 2,
}

/// <summary>
/// A deposit, a cancellation fee or a no-show fee as the clinic sets it: nothing, a fixed amount or a percent of
/// the service's price. <see cref="Of"/> is the one place the amount is worked out, so the booking, the policy
/// text and the desk's fee say the same figure.
/// </summary>
public readonly record struct Charge
{
    public const string PercentMessage = "A percent is above 0 and at most 100, with at most two decimals.";

    private Charge(ChargeKind kind, decimal value)
    {
        Kind = kind;
        Value = value;
    }

    public ChargeKind Kind { get; }

    /// <summary>The amount (<see cref="ChargeKind.Fixed"/>) or the percent (<see cref="ChargeKind.Percent"/>); 0 for none.</summary>
    public decimal Value { get; }

    public static Charge Nothing => default;

    public bool IsNothing => Kind == ChargeKind.None;

    /// <summary>A charge as typed; a refused value throws a <see cref="DomainException"/> naming <paramref name="field"/>.</summary>
    public static Charge Create(ChargeKind kind, decimal? value, string field) => kind switch
    {
        ChargeKind.None => Nothing,
        ChargeKind.Fixed when value is null => throw new DomainException("Enter the amount.", field),
        ChargeKind.Fixed => new Charge(kind, Money.RequireAmount(value.Value, field)),
        ChargeKind.Percent when value is null => throw new DomainException("Enter the percent of the price.", field),
        ChargeKind.Percent when value is <= 0m or > 100m || decimal.Round(value.Value, 2) != value => throw new DomainException(PercentMessage, field),
        ChargeKind.Percent => new Charge(kind, value.Value),
        _ => throw new DomainException("Choose no charge, a fixed amount or a percent of the price.", field),
    };

    /// <summary>A charge read back from storage (it was checked when it was set).</summary>
    public static Charge Restore(ChargeKind kind, decimal value) => kind == ChargeKind.None ? Nothing : new Charge(kind, value);

    /// <summary>What this charge is for a service of <paramref name="price"/>: a fixed amount is capped at the price.</summary>
    public Money Of(Money price) => Kind switch
    {
        ChargeKind.Fixed => new Money(Math.Min(Value, Math.Max(price.Amount, 0m)), price.Currency),
        ChargeKind.Percent => new Money(Math.Max(price.Amount, 0m), price.Currency).Percent(Value),
        _ => Money.Zero(price.Currency),
    };

    /// <summary>The rule in words, with <paramref name="format"/> writing amounts: "20 % of the price", "$50.00", "none".</summary>
    public string Describe(Func<Money, string> format, string currency)
    {
        ArgumentNullException.ThrowIfNull(format);
        return Kind switch
        {
            ChargeKind.Fixed => format(new Money(Value, currency)),
            ChargeKind.Percent => string.Create(CultureInfo.InvariantCulture, $"{Value:0.##} % of the price"),
            _ => "none",
        };
    }
}
