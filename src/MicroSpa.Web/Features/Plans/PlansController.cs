using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Plans;

/// <summary>Treatment series: started from a chart by a clinician; the front desk sees who is due.</summary>
public sealed class PlansController(ClinicTimeZone zone, TimeProvider clock) : Controller
{
    [Authorize(Policy = Policies.Clinical)]
    [HttpPost("/provider/charts/{id:guid}/plan")]
    public async Task<IActionResult> Start(Guid id, [Bind(Prefix = "Plan")] StartPlan.Command command, [FromServices] StartPlan.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            TempData["Problem"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return Redirect($"/provider/charts/{id}");
        }

        if (await handler.HandleAsync(id, command, cancellationToken) is not { } outcome)
        {
            return NotFound();
        }

        TempData[outcome.Succeeded ? "Notice" : "Problem"] = outcome.Succeeded ? "This session counts in the client's plan." : string.Join(" ", outcome.Errors.Select(e => e.Message));
        return Redirect($"/provider/charts/{id}");
    }

    [Authorize(Policy = Policies.FrontDesk)]
    [HttpGet("/front-desk/due")]
    public async Task<IActionResult> Due([FromServices] PlanOverview.Handler plans, CancellationToken cancellationToken)
    {
        var today = zone.Today(clock.GetUtcNow());
        var all = await plans.AllAsync(cancellationToken);
        return View(new DuePage(today,
            all.Where(p => p.Status.Overdue).OrderBy(p => p.Status.NextDue).ToList(),
            all.Where(p => !p.Status.Overdue && p.Status.NextDue <= today.AddDays(14)).OrderBy(p => p.Status.NextDue).ToList()));
    }
}

public sealed record DuePage(DateOnly Today, IReadOnlyList<PlanOverview.Item> Overdue, IReadOnlyList<PlanOverview.Item> DueSoon);
