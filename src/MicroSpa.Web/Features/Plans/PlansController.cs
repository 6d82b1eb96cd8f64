using MicroSpa.Web.Features.Shared;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Plans;

/// <summary>Treatment series: started from a chart by a clinician, changed, ended and reopened; the front desk sees who is due.</summary>
public sealed class PlansController : Controller
{
    [Authorize(Policy = Policies.Clinical)]
    [HttpPost("/provider/charts/{id:guid}/plan")]
    public async Task<IActionResult> Start(Guid id, [Bind(Prefix = "Plan")] StartPlan.Command command, [FromServices] StartPlan.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            TempData[OutcomeAnswers.Problem] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return Redirect($"/provider/charts/{id}");
        }

        return this.Answer(
            await handler.HandleAsync(id, command, cancellationToken), () => Redirect($"/provider/charts/{id}"), notice: "This session counts in the client's plan.");
    }

    /// <summary>One click on a consultation record: the plan it recommends starts, prefilled from it.</summary>
    [Authorize(Policy = Policies.Clinical)]
    [HttpPost("/provider/consultations/{id:guid}/plan")]
    public async Task<IActionResult> StartFromConsultation(Guid id, [FromServices] StartPlanFromConsultation.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(
            await handler.HandleAsync(id, cancellationToken),
            planId => Redirect($"/provider/plans/{planId}"),
            notice: _ => "Treatment plan started from the consultation's recommendation.",
            refused: () => Redirect($"/provider/consultations/{id}"));

    [Authorize(Policy = Policies.Clinical)]
    [HttpGet("/provider/plans/{id:guid}")]
    public async Task<IActionResult> Plan(Guid id, [FromServices] PlanPage.Handler pages, CancellationToken cancellationToken) =>
        await pages.HandleAsync(id, cancellationToken) is { } page ? View(page) : NotFound();

    [Authorize(Policy = Policies.Clinical)]
    [HttpPost("/provider/plans/{id:guid}")]
    public Task<IActionResult> Change(
        Guid id, [Bind(Prefix = "Form")] ChangePlan.Command form, [FromServices] ChangePlan.Handler handler, [FromServices] PlanPage.Handler pages,
        CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, form, cancellationToken),
            () => Redirect($"/provider/plans/{id}"),
            async () => await pages.HandleAsync(id, cancellationToken) is { } page ? View(nameof(Plan), page with { Form = form }) : null,
            prefix: "Form", notice: "Plan saved.");

    [Authorize(Policy = Policies.Clinical)]
    [HttpPost("/provider/plans/{id:guid}/end")]
    public Task<IActionResult> End(
        Guid id, [Bind(Prefix = "End")] EndPlan.Command form, [FromServices] EndPlan.Handler handler, [FromServices] PlanPage.Handler pages,
        CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, form, cancellationToken),
            () => Redirect($"/provider/plans/{id}"),
            async () => await pages.HandleAsync(id, cancellationToken) is { } page ? View(nameof(Plan), page with { End = form }) : null,
            prefix: "End", notice: "Plan ended: nothing is due from it and no reminders go out.");

    [Authorize(Policy = Policies.Clinical)]
    [HttpPost("/provider/plans/{id:guid}/reopen")]
    public async Task<IActionResult> Reopen(Guid id, [FromServices] ReopenPlan.Handler handler, CancellationToken cancellationToken) =>
        this.Answer(await handler.HandleAsync(id, cancellationToken), () => Redirect($"/provider/plans/{id}"), notice: "Plan reopened.");

    [Authorize(Policy = Policies.FrontDesk)]
    [HttpGet("/front-desk/due")]
    public async Task<IActionResult> Due([FromServices] PlanOverview.Handler plans, CancellationToken cancellationToken) =>
        View(await plans.DueAsync(cancellationToken));
}
