using System.Globalization;
using MicroSpa.Data.Billing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// Moves the gift card codes a request issued (<see cref="GiftCardCodesShown"/>) into TempData, so the next page shows them once
/// and forgets them (decision 048): TempData is an encrypted cookie read once; the codes are stored nowhere else.
/// </summary>
public sealed class GiftCardCodesToShow(GiftCardCodesShown shown) : IActionFilter
{
    public const string Key = "GiftCardCodes";

    public void OnActionExecuting(ActionExecutingContext context)
    {
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (shown.Issued.Count > 0 && context.Controller is Controller controller)
        {
            controller.TempData[Key] = shown.Issued
                .Select(c => string.Join('|', c.Code, c.Value.ToString(CultureInfo.InvariantCulture), c.ExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty))
                .ToArray();
        }
    }

    /// <summary>The codes kept for this page: code, value, last day (none when it never expires).</summary>
    public static IReadOnlyList<(string Code, decimal Value, DateOnly? ExpiresOn)> Read(object? kept) =>
        kept is not string[] lines
            ? []
            : [.. lines.Select(l => l.Split('|')).Where(p => p.Length == 3).Select(p => (p[0], decimal.Parse(p[1], CultureInfo.InvariantCulture),
                p[2].Length == 0 ? (DateOnly?)null : DateOnly.ParseExact(p[2], "yyyy-MM-dd", CultureInfo.InvariantCulture)))];
}
