// Mark the page as able to run GOV.UK Frontend's JavaScript; everything works without it.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
