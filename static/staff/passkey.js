/* Adds or uses a passkey for the staff's second factor (templates/staff/
   passkey_button.html), with django-otp-webauthn's JSON endpoints. The
   browser's own JSON helpers (PublicKeyCredential.parse…FromJSON, toJSON)
   do the encoding; a browser without them is told to use an app. */
(function () {
  "use strict";

  function post(url, csrf, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
      body: body || "{}",
    });
  }

  function setUp(box) {
    var button = box.querySelector("button");
    var status = box.querySelector("[role=status]");
    var register = box.dataset.passkey === "register";
    var PKC = window.PublicKeyCredential;
    var supported = PKC && navigator.credentials &&
      (register ? PKC.parseCreationOptionsFromJSON : PKC.parseRequestOptionsFromJSON);
    if (!supported) {
      status.textContent = box.dataset.unsupported;
      return;
    }
    button.hidden = false;
    button.addEventListener("click", async function () {
      button.disabled = true;
      status.textContent = box.dataset.working;
      try {
        var begin = await post(box.dataset.begin, box.dataset.csrf);
        if (!begin.ok) throw new Error("begin " + begin.status);
        var options = await begin.json();
        var credential = register
          ? await navigator.credentials.create({ publicKey: PKC.parseCreationOptionsFromJSON(options) })
          : await navigator.credentials.get({ publicKey: PKC.parseRequestOptionsFromJSON(options) });
        var complete = await post(box.dataset.complete, box.dataset.csrf, JSON.stringify(credential.toJSON()));
        if (!complete.ok) throw new Error("complete " + complete.status);
        window.location.assign(box.dataset.next);
      } catch (error) {
        status.textContent = box.dataset.failed;
        button.disabled = false;
        button.focus();
      }
    });
  }

  document.querySelectorAll("[data-passkey]").forEach(setUp);
})();
