using MicroSpa.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MicroSpa.Web.Features.DevMailbox;

/// <summary>
/// Development and demo only: the messages the pickup-folder sender wrote, so a person can click a
/// confirmation link without a mail server. 404 whenever real SMTP is configured.
/// </summary>
[AllowAnonymous]
[Route("dev/mailbox")]
public sealed class DevMailboxController(IOptions<EmailOptions> options, PickupFolderEmailSender pickup) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        options.Value.Mode != EmailMode.Pickup ? NotFound() : View(await pickup.ReadAllAsync(cancellationToken));
}
