using MicroSpa.Domain.Billing;

namespace MicroSpa.Domain.Tests.Billing;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("0.125", "0.13")]
    [InlineData("0.135", "0.14")]
    [InlineData("2.675", "2.68")]
    [InlineData("-0.125", "-0.13")]
    [InlineData("0.124999", "0.12")]
    [InlineData("10", "10")]
    public void Rounds_to_the_cent_half_away_from_zero(string value, string rounded) =>
        Money.Round(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(decimal.Parse(rounded, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("349.99", "15", "52.50")]
    [InlineData("100", "33.33", "33.33")]
    [InlineData("0.99", "12.5", "0.12")]
    [InlineData("0.05", "10", "0.01")]
    public void A_percent_of_an_amount_is_rounded_once_to_the_cent(string amount, string percent, string share)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        new Money(decimal.Parse(amount, inv), "USD").Percent(decimal.Parse(percent, inv)).Amount.ShouldBe(decimal.Parse(share, inv));
    }

    [Fact]
    public void Refuses_to_add_or_compare_two_currencies()
    {
        var dollars = new Money(10m, "USD");
        var euros = new Money(10m, "EUR");

        Should.Throw<InvalidOperationException>(() => dollars + euros).Message.ShouldContain("USD");
        Should.Throw<InvalidOperationException>(() => dollars - euros);
        Should.Throw<InvalidOperationException>(() => dollars < euros);
        (dollars + new Money(2.5m, "USD")).ShouldBe(new Money(12.5m, "USD"));
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData("US1")]
    public void Refuses_a_currency_that_is_not_an_iso_code(string code) =>
        Should.Throw<ArgumentException>(() => new Money(1m, code));

    [Theory]
    [InlineData("-1", "Enter an amount above zero.")]
    [InlineData("0", "Enter an amount above zero.")]
    [InlineData("100000.01", "An amount above 100,000 is refused: check the figure.")]
    [InlineData("10.005", "Enter the amount in whole cents (at most two decimals).")]
    public void Refuses_negative_absurd_and_fractional_amounts_naming_the_field(string amount, string message)
    {
        var error = Should.Throw<DomainException>(() =>
            Money.RequireAmount(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "Amount"));
        error.Message.ShouldBe(message);
        error.Field.ShouldBe("Amount");
    }

    [Theory]
    [InlineData("-0.001")]
    [InlineData("30.001")]
    [InlineData("8.8755")]
    public void A_tax_rate_is_0_to_30_percent_with_three_decimals(string rate) =>
        Should.Throw<DomainException>(() => new TaxClass(TaxKind.Retail, "Retail", decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture)))
            .Field.ShouldBe(nameof(TaxClass.RatePercent));
}
