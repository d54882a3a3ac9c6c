"""HTML rules: checks over the shared html5lib parse of a post body (``newslint.html``)."""
