using System.Globalization;

namespace MicroSpa.Domain.Billing;

/// <summary>
/// An amount of one currency (an ISO 4217 code; the clinic has one, from configuration). Every step that
/// can produce fractions of a cent (a percent discount, a tax, a share of a tip) rounds once, to the cent,
/// half away from zero: 0.125 becomes 0.13, as a receipt and a calculator show it (decision 032).
/// Adding or comparing two currencies is refused.
/// </summary>
public readonly record struct Money
{
    /// <summary>The most one line, tender or refund may be: anything above is a typing slip, not a sale.</summary>
    public const decimal MaxAmount = 100_000m;

    public Money(decimal amount, string currency)
    {
        Amount = amount;
        Currency = RequireCurrency(currency);
    }

    public decimal Amount { get; }
    public string Currency { get; }

    public static Money Zero(string currency) => new(0m, currency);

    /// <summary>The one rounding rule: to the cent, half away from zero.</summary>
    public static decimal Round(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>The share of <paramref name="percent"/> percent, rounded to the cent.</summary>
    public Money Percent(decimal percent) => new(Round(Amount * percent / 100m), Currency);

    public static Money operator +(Money left, Money right) => new(left.Amount + Same(left, right).Amount, left.Currency);

    public static Money operator -(Money left, Money right) => new(left.Amount - Same(left, right).Amount, left.Currency);

    public static bool operator <(Money left, Money right) => left.Amount < Same(left, right).Amount;

    public static bool operator >(Money left, Money right) => left.Amount > Same(left, right).Amount;

    public static bool operator <=(Money left, Money right) => left.Amount <= Same(left, right).Amount;

    public static bool operator >=(Money left, Money right) => left.Amount >= Same(left, right).Amount;

    /// <summary>
    /// An amount someone typed: more than zero (or zero when allowed), at most <see cref="MaxAmount"/>, whole cents.
    /// The message names <paramref name="field"/>.
    /// </summary>
    public static decimal RequireAmount(decimal amount, string field, bool allowZero = false)
    {
        if (amount < 0m || (amount == 0m && !allowZero))
        {
            throw new DomainException(allowZero ? "The amount cannot be negative." : "Enter an amount above zero.", field);
        }

        if (amount > MaxAmount)
        {
            throw new DomainException($"An amount above {MaxAmount.ToString("N0", CultureInfo.InvariantCulture)} is refused: check the figure.", field);
        }

        if (Round(amount) != amount)
        {
            throw new DomainException("Enter the amount in whole cents (at most two decimals).", field);
        }

        return amount;
    }

    public static string RequireCurrency(string currency)
    {
        if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new ArgumentException($"'{currency}' is not an ISO 4217 currency code (three capital letters).", nameof(currency));
        }

        return currency;
    }

    public override string ToString() => $"{Amount.ToString("0.00", CultureInfo.InvariantCulture)} {Currency}";

    private static Money Same(Money left, Money right)
    {
        if (left.Currency != right.Currency)
        {
            throw new InvalidOperationException($"Cannot combine {left.Currency} with {right.Currency}: the clinic keeps one currency.");
        }

        return right;
    }
}
