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
}
