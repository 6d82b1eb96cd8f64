using System.Globalization;
using MicroSpa.Domain.Billing;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// The clinic's currency (Clinic:Currency, checked at start-up) and how its amounts are written: with the
/// culture's symbol when the culture's own currency is the clinic's (en-US and USD: "$1,234.50"), otherwise
/// the figure and the code ("1,234.50 EUR"), so a page never shows a symbol of another currency.
/// </summary>
public sealed class ClinicMoney(IOptions<ClinicOptions> options)
{
    public string Currency => options.Value.Currency;

    public CultureInfo Culture => options.Value.CultureInfo;

    public Money Of(decimal amount) => new(amount, Currency);

    public string Format(decimal amount) => SymbolMatches
        ? amount.ToString("C2", Culture)
        : $"{amount.ToString("N2", Culture)} {Currency}";

    public string Format(Money money) => money.Currency == Currency ? Format(money.Amount) : money.ToString();

    private bool SymbolMatches
    {
        get
        {
            try
            {
                return new RegionInfo(Culture.Name).ISOCurrencySymbol == Currency;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }
}
