# MicroSpa web app. Used by docker-compose.yml; the scripts/ path needs no Docker.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/MicroSpa.Domain/MicroSpa.Domain.csproj src/MicroSpa.Domain/
COPY src/MicroSpa.Data/MicroSpa.Data.csproj src/MicroSpa.Data/
COPY src/MicroSpa.Web/MicroSpa.Web.csproj src/MicroSpa.Web/
RUN dotnet restore src/MicroSpa.Web/MicroSpa.Web.csproj
COPY src/ src/
RUN dotnet publish src/MicroSpa.Web/MicroSpa.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:5080
EXPOSE 5080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 CMD curl -fsS http://localhost:5080/health/ready || exit 1
# Apply migrations and seed the demo clinic (a no-op when already seeded), then serve.
ENTRYPOINT ["sh", "-c", "dotnet MicroSpa.Web.dll migrate && dotnet MicroSpa.Web.dll seed && exec dotnet MicroSpa.Web.dll"]
