using MicroSpa.Web.Infrastructure;
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
    public Task<IActionResult> Create(
        CreateStaffAccount.Command command, [FromServices] CreateStaffAccount.Handler handler, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            async () => await handler.HandleAsync(command, cancellationToken),
            () => RedirectToAction(nameof(Index)),
            () => Task.FromResult<IActionResult?>(View(command)),
            notice: $"Account created. {command.DisplayName?.Trim()} has been emailed a link to choose a password.");

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Edit(Guid id, [FromServices] StaffMemberForm.Handler form, CancellationToken cancellationToken) =>
        await form.HandleAsync(id, cancellationToken) is { } found ? View(new StaffMemberPage(id, found.Email, found.Form)) : NotFound();

    [HttpPost("{id:guid}")]
    public Task<IActionResult> Edit(
        Guid id, [Bind(Prefix = "Form")] ChangeStaffMember.Command command, [FromServices] ChangeStaffMember.Handler handler,
        [FromServices] StaffMemberForm.Handler form, CancellationToken cancellationToken) =>
        this.AnswerFormAsync(
            () => handler.HandleAsync(id, command, cancellationToken),
            _ => RedirectToAction(nameof(Index)),
            async () => await form.HandleAsync(id, cancellationToken) is { } current ? View(new StaffMemberPage(id, current.Email, command)) : null,
            prefix: "Form",
            notice: upcoming => upcoming > 0
                ? $"Saved. {command.DisplayName.Trim()} can no longer be booked but has {upcoming} upcoming appointments: move them from the schedule."
                : "Saved.");

    [HttpPost("{id:guid}/end-sessions")]
    public async Task<IActionResult> EndSessions(Guid id, [FromServices] EndStaffSessions.Handler handler, CancellationToken cancellationToken)
    {
        if (await handler.HandleAsync(id, cancellationToken) is not { } ended)
        {
            return NotFound();
        }

        TempData[OutcomeAnswers.Notice] = ended == 0 ? "They had no open session." : $"Ended {ended} open session{(ended == 1 ? "" : "s")}: they must sign in again.";
        return RedirectToAction(nameof(Edit), new { id });
    }
}

public sealed record StaffMemberPage(Guid UserId, string Email, ChangeStaffMember.Command Form);
