using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Memberships;

/// <summary>The monthly plans the clinic sells (decision 061): define one, retire one (its members keep it).</summary>
[Authorize(Policy = Policies.Admin)]
[Route("admin/membership-plans")]
public sealed class MembershipPlansController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Plans([FromServices] PlanCatalog.Handler catalog, CancellationToken cancellationToken) =>
        View(await catalog.PageAsync(new SavePlan.Command(), cancellationToken));

    [HttpPost("")]
    public Task<IActionResult> Define(
        [Bind(Prefix = "Form")] SavePlan.Command command, [FromServices] SavePlan.Handler handler, [FromServices] PlanCatalog.Handler catalog, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(command, cancellationToken),
            () => RedirectToAction(nameof(Plans)),
            async () => View(nameof(Plans), await catalog.PageAsync(command, cancellationToken)),
            prefix: "Form", notice: $"{command.Name?.Trim()} saved.");

    [HttpPost("{id:guid}/retire")]
    public async Task<IActionResult> Retire(Guid id, [FromServices] RetirePlan.Handler handler, CancellationToken cancellationToken) =>
        await handler.HandleAsync(id, cancellationToken)
            ? this.Answer(Infrastructure.Validation.Outcome.Success, () => RedirectToAction(nameof(Plans)), "The plan is retired: nobody joins it now; its members keep it.")
            : NotFound();
}
