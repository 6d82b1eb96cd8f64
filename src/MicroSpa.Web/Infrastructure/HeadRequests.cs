namespace MicroSpa.Web.Infrastructure;

/// <summary>
/// <c>HEAD</c> answers as <c>GET</c> does, without the body (RFC 9110 9.3.2). MVC's <c>[HttpGet]</c> matches only GET, so
/// <c>HEAD /</c> was a 404 while <c>GET /</c> worked; link checkers, uptime monitors and some browsers' previews ask HEAD.
/// The request runs as the GET it stands for (same route, same access rules, same endpoint table) and whatever it writes
/// goes nowhere; the status and headers are the GET's. Static files answer HEAD on their own, before this.
/// </summary>
public static class HeadRequests
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }

            context.Request.Method = HttpMethods.Get;
            var body = context.Response.Body;
            context.Response.Body = Stream.Null;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = body;
                context.Request.Method = HttpMethods.Head;
            }
        });
}
