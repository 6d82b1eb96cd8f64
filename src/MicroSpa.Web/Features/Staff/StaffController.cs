using MicroSpa.Web.Infrastructure;
using MicroSpa.Web.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.Staff;

[Authorize(Policy = Policies.Admin)]
[Route("admin/staff")]
public sealed class StaffController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] StaffList.Handler handler, CancellationToken cancellationToken) =>
        View(await handler.HandleAsync(cancellationToken));

    [HttpGet("new")]
    public IActionResult Create() => View(new CreateStaffAccount.Command());

    [HttpPost("new")]
    public async Task<IActionResult> Create(
        CreateStaffAccount.Command command, [FromServices] CreateStaffAccount.Handler handler, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(command);
        }

        var outcome = await handler.HandleAsync(command, cancellationToken);
        if (!outcome.Succeeded)
        {
            ModelState.AddErrors(outcome);
            return View(command);
        }

        TempData["Notice"] = $"Account created. {command.DisplayName.Trim()} has been emailed a link to choose a password.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Edit(Guid id, [FromServices] StaffMemberForm.Handler form, CancellationToken cancellationToken) =>
        await form.HandleAsync(id, cancellationToken) is { } found ? View(new StaffMemberPage(id, found.Email, found.Form)) : NotFound();

    [HttpPost("{id:guid}")]
    public async Task<IActionResult> Edit(
        Guid id, [Bind(Prefix = "Form")] ChangeStaffMember.Command command, [FromServices] ChangeStaffMember.Handler handler,
        [FromServices] StaffMemberForm.Handler form, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            if (await handler.HandleAsync(id, command, cancellationToken) is not { } result)
            {
                return NotFound();
            }

            if (result.Outcome.Succeeded)
            {
                TempData["Notice"] = result.UpcomingWithUnbookableProvider > 0
                    ? $"Saved. {command.DisplayName.Trim()} can no longer be booked but has {result.UpcomingWithUnbookableProvider} upcoming appointments: move them from the schedule."
                    : "Saved.";
                return RedirectToAction(nameof(Index));
            }

            ModelState.AddErrors(result.Outcome, "Form");
        }

        return await form.HandleAsync(id, cancellationToken) is { } current ? View(new StaffMemberPage(id, current.Email, command)) : NotFound();
    }

    [HttpPost("{id:guid}/end-sessions")]
    public async Task<IActionResult> EndSessions(Guid id, [FromServices] EndStaffSessions.Handler handler, CancellationToken cancellationToken)
    {
        if (await handler.HandleAsync(id, cancellationToken) is not { } ended)
        {
            return NotFound();
        }

        TempData["Notice"] = ended == 0 ? "They had no open session." : $"Ended {ended} open session{(ended == 1 ? "" : "s")}: they must sign in again.";
        return RedirectToAction(nameof(Edit), new { id });
    }
}

public sealed record StaffMemberPage(Guid UserId, string Email, ChangeStaffMember.Command Form);
