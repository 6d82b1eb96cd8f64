using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Staff;

/// <summary>The providers' commission rules (decision 058): the Admin alone reads and sets them; a new rate is a new rule from a day on.</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/staff/commission")]
public sealed class CommissionController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] CommissionRules.Handler rules, CancellationToken cancellationToken) =>
        View("CommissionIndex", await rules.ListAsync(cancellationToken));

    [HttpGet("{providerId:guid}")]
    public async Task<IActionResult> Provider(Guid providerId, [FromServices] CommissionRules.Handler rules, CancellationToken cancellationToken) =>
        await rules.HistoryAsync(providerId, cancellationToken) is { } history
            ? View(new CommissionPage(history, Form(history)))
            : NotFound();

    /// <summary>A new rule; a form that cannot be read is shown again with its messages and 400, nothing saved.</summary>
    [HttpPost("{providerId:guid}")]
    public Task<IActionResult> Provider(
        Guid providerId, [Bind(Prefix = "Form")] SetCommissionRule.Command command, [FromServices] SetCommissionRule.Handler handler,
        [FromServices] CommissionRules.Handler rules, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(providerId, command, cancellationToken),
            () => RedirectToAction(nameof(Provider), new { providerId }),
            async () => await rules.HistoryAsync(providerId, cancellationToken) is { } history ? View(new CommissionPage(history, command)) : null,
            prefix: "Form",
            notice: $"Saved: the new rule counts the sales from {command.EffectiveFrom:d MMMM yyyy} on.",
            invalidStatus: StatusCodes.Status400BadRequest);

    /// <summary>The form starts from the rule in effect, from today.</summary>
    private static SetCommissionRule.Command Form(CommissionRules.History history) => new()
    {
        ServicesPercent = history.Current?.ServicesPercent,
        RetailPercent = history.Current?.RetailPercent,
        AfterDiscounts = history.Current?.AfterDiscounts ?? true,
        EffectiveFrom = history.Today,
    };
}

public sealed record CommissionPage(CommissionRules.History History, SetCommissionRule.Command Form);
