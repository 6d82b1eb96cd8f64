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

    /// <summary>The web app manifest: a client adds the clinic to a phone's home screen under its name and icon.</summary>
    [HttpGet("/manifest.webmanifest")]
    public IActionResult Manifest([FromServices] IOptions<ClinicOptions> clinic) =>
        new JsonResult(WebManifest.For(clinic.Value)) { ContentType = WebManifest.ContentType };
}

public sealed record HomePage(ClinicOptions Clinic, IReadOnlyList<ServiceMenu.Item> Services);
