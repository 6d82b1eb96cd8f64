using MicroSpa.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.Home;

[AllowAnonymous]
public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(
        [FromServices] ServiceMenu.Handler menu, [FromServices] IOptions<ClinicOptions> clinic, CancellationToken cancellationToken) =>
        View(new HomePage(clinic.Value, await menu.HandleAsync(cancellationToken)));
}

public sealed record HomePage(ClinicOptions Clinic, IReadOnlyList<ServiceMenu.Item> Services);
