using MicroSpa.Web.Infrastructure.Email;
using MicroSpa.Web.Infrastructure.Seeding;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace MicroSpa.Web.Features.DevMailbox;

/// <summary>
/// Development only (and the test host): the messages the pickup-folder sender wrote, so a person can click a
/// confirmation link without a mail server. 404 in any other environment, whatever the email mode: a
/// production mailbox would show anyone every reset link.
/// </summary>
[AllowAnonymous]
[Route("dev/mailbox")]
public sealed class DevMailboxController(IWebHostEnvironment environment, PickupFolderEmailSender pickup) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        !DemoMode.MailboxShown(environment) ? NotFound() : View(await pickup.ReadAllAsync(cancellationToken));
}
