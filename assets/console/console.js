// The staff console's one script. Every page works without it; it adds a Copy button for invite
// codes and does the safeguarding inbox's cryptography in this browser, so the server never sees
// the safeguarding key or what a concern says. Allowed by its hash in the page's policy.
(function () {
  'use strict';
  var enc = new TextEncoder();
  var dec = new TextDecoder();
  var subtle = window.crypto && window.crypto.subtle;

  function b64d(text) {
    var s = text.replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) { s += '='; }
    var bin = atob(s);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { out[i] = bin.charCodeAt(i); }
    return out;
  }
  function b64e(bytes) {
    var bin = '';
    var view = new Uint8Array(bytes);
    for (var i = 0; i < view.length; i++) { bin += String.fromCharCode(view[i]); }
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function concat(parts) {
    var length = parts.reduce(function (n, p) { return n + p.length; }, 0);
    var out = new Uint8Array(length);
    var at = 0;
    parts.forEach(function (p) { out.set(p, at); at += p.length; });
    return out;
  }
  function be64(n) {
    var out = new Uint8Array(8);
    new DataView(out.buffer).setBigUint64(0, BigInt(n));
    return out;
  }
  function be32(n) {
    var out = new Uint8Array(4);
    new DataView(out.buffer).setUint32(0, n);
    return out;
  }
  // A length-prefixed field, as the app writes them (crypto/envelope.rs `push`).
  function field(bytes) {
    var b = typeof bytes === 'string' ? enc.encode(bytes) : bytes;
    return concat([be64(b.length), b]);
  }
  function same(a, b) {
    if (a.length !== b.length) { return false; }
    for (var i = 0; i < a.length; i++) { if (a[i] !== b[i]) { return false; } }
    return true;
  }
  function say(el, text) { if (el) { el.textContent = text; } }
  // A line with a key code: shown in its groups, and said to a screen reader one character at a
  // time with a pause between groups (key_code.rs `spoken_code`).
  function sayCode(el, key, code) {
    if (!el) { return; }
    var spoken = code.split(' ').filter(Boolean).map(function (g) { return g.split('').join(' '); }).join(', ');
    var shown = document.createElement('span');
    shown.setAttribute('aria-hidden', 'true');
    shown.textContent = w(key, code);
    var heard = document.createElement('span');
    heard.className = 'visually-hidden';
    heard.textContent = w(key, spoken);
    el.textContent = '';
    el.appendChild(shown);
    el.appendChild(heard);
  }
  // The page's words for this script, in its language (see pages.rs `script_words`).
  var WORDS = {};
  try { WORDS = JSON.parse(document.getElementById('console-words').textContent); } catch (err) { WORDS = {}; }
  function w(key) {
    var text = WORDS[key] || key;
    for (var i = 1; i < arguments.length; i++) { text = text.split('%' + i).join(String(arguments[i])); }
    return text;
  }

  // Copy buttons.
  document.querySelectorAll('button[data-copy]').forEach(function (b) {
    b.hidden = false;
    b.addEventListener('click', function () {
      var input = document.getElementById(b.dataset.copy);
      var said = document.getElementById(b.dataset.copy + '-copied');
      input.select();
      if (navigator.clipboard) {
        navigator.clipboard.writeText(input.value).then(function () { say(said, w('js-copied')); }, function () {});
      }
    });
  });

  // The inbox key wrapped under one shared passphrase: how inboxes set up before each lead had
  // their own were kept. Still opened, so a lead can give themselves access under their own.
  var WRAP_LABEL = enc.encode('steady-safeguarding-key-v1');
  // A lead's own key, wrapped under their own passphrase.
  var LEAD_WRAP_LABEL = enc.encode('steady-safeguarding-lead-key-v1');
  // An inbox key sealed to a lead's own key.
  var GRANT_LABEL = 'steady-safeguarding-grant-v1';
  var ITERATIONS = 600000;

  async function passphraseKey(passphrase, salt, iterations, usage) {
    var base = await subtle.importKey('raw', enc.encode(passphrase), 'PBKDF2', false, ['deriveKey']);
    return subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt, iterations: iterations },
      base, { name: 'AES-GCM', length: 256 }, false, [usage]);
  }

  // A private key wrapped under a passphrase, as the server keeps it (care.rs `Wrapped`).
  async function wrapUnder(passphrase, pkcs8, label) {
    var salt = crypto.getRandomValues(new Uint8Array(16));
    var nonce = crypto.getRandomValues(new Uint8Array(12));
    var kek = await passphraseKey(passphrase, salt, ITERATIONS, 'encrypt');
    var ct = await subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: label }, kek, pkcs8);
    return JSON.stringify({ v: 1, kdf: 'PBKDF2-SHA256', iterations: ITERATIONS, salt: b64e(salt), nonce: b64e(nonce), ct: b64e(ct) });
  }
  async function unwrapBytes(passphrase, wrappedText, label) {
    var wrapped = JSON.parse(wrappedText);
    var kek = await passphraseKey(passphrase, b64d(wrapped.salt), wrapped.iterations, 'decrypt');
    return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: b64d(wrapped.nonce), additionalData: label }, kek, b64d(wrapped.ct)));
  }

  // The AES key for X25519 sealing (as crypto/concern.rs does it): HKDF-SHA256 over the shared
  // secret, salted with the label, bound to both public keys.
  async function sealingKey(shared, epk, recipientPublic, label, usage) {
    var hkdf = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
    var l = enc.encode(label);
    return subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: l, info: concat([epk, recipientPublic]) },
      hkdf, { name: 'AES-GCM', length: 256 }, false, [usage]);
  }
  // Seals bytes to an X25519 public key (base64url) with a fresh key of this browser's.
  async function sealTo(publicB64, bytes, label) {
    var recipient = b64d(publicB64);
    var them = await subtle.importKey('raw', recipient, { name: 'X25519' }, false, []);
    var ephemeral = await subtle.generateKey({ name: 'X25519' }, true, ['deriveBits']);
    var epk = new Uint8Array(await subtle.exportKey('raw', ephemeral.publicKey));
    var shared = await subtle.deriveBits({ name: 'X25519', public: them }, ephemeral.privateKey, 256);
    var key = await sealingKey(shared, epk, recipient, label, 'encrypt');
    var nonce = crypto.getRandomValues(new Uint8Array(12));
    var ct = await subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: enc.encode(label) }, key, bytes);
    return { v: 1, epk: b64e(epk), nonce: b64e(nonce), ct: b64e(ct) };
  }
  async function openSealed(privateKey, publicB64, sealed, label) {
    var epk = b64d(sealed.epk);
    var ephemeral = await subtle.importKey('raw', epk, { name: 'X25519' }, false, []);
    var shared = await subtle.deriveBits({ name: 'X25519', public: ephemeral }, privateKey, 256);
    var key = await sealingKey(shared, epk, b64d(publicB64), label, 'decrypt');
    return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: b64d(sealed.nonce), additionalData: enc.encode(label) }, key, b64d(sealed.ct)));
  }
  // A private key whose public half must be `expected` (base64url): a key the server swapped
  // in is refused here, whatever it opens.
  async function importPrivate(pkcs8, expected) {
    var key = await subtle.importKey('pkcs8', pkcs8, { name: 'X25519' }, true, ['deriveBits']);
    var jwk = await subtle.exportKey('jwk', key);
    if (jwk.x !== expected) { throw new Error('not the key it should be'); }
    return key;
  }
  async function newPair() {
    var pair = await subtle.generateKey({ name: 'X25519' }, true, ['deriveBits']);
    return {
      public: b64e(await subtle.exportKey('raw', pair.publicKey)),
      pkcs8: new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey))
    };
  }
  // As people read it aloud (leads.rs `fingerprint`): 80 bits of SHA-256, five groups of four.
  async function fingerprint(publicB64) {
    var hash = new Uint8Array(await subtle.digest('SHA-256', b64d(publicB64)));
    var hex = '';
    for (var i = 0; i < 10; i++) { hex += ('0' + hash[i].toString(16)).slice(-2); }
    return hex.toUpperCase().match(/.{4}/g).join(' ');
  }
  function checkPassphrase(problem, first, again) {
    if (first.length < 16) { say(problem, w('js-passphrase-short')); return false; }
    if (first !== again) { say(problem, w('js-passphrase-mismatch')); return false; }
    if (!subtle) { say(problem, w('js-no-crypto')); return false; }
    return true;
  }

  // Setting up an inbox key: the key pair is made here and its private half sealed to every
  // lead's own key (this lead's own made here first, when they have none).
  var setup = document.getElementById('safeguarding-setup');
  if (setup) {
    setup.addEventListener('submit', async function (event) {
      if (setup.dataset.ready === 'yes') { return; }
      event.preventDefault();
      var problem = document.getElementById('setup-problem');
      var passInput = document.getElementById('setup-passphrase');
      var targets = Array.prototype.map.call(setup.querySelectorAll('[data-seal-to]'), function (el) {
        return { staff: el.dataset.sealTo, public: el.dataset.public };
      });
      try {
        say(problem, '');
        if (passInput) {
          if (!checkPassphrase(problem, passInput.value, document.getElementById('setup-again').value)) { return; }
          var lead = await newPair();
          document.getElementById('setup-lead-public').value = lead.public;
          document.getElementById('setup-lead-wrapped').value = await wrapUnder(passInput.value, lead.pkcs8, LEAD_WRAP_LABEL);
          targets.push({ staff: setup.dataset.staff, public: lead.public });
          passInput.value = '';
          document.getElementById('setup-again').value = '';
        }
        if (!subtle) { say(problem, w('js-no-crypto')); return; }
        if (!targets.some(function (t) { return t.staff === setup.dataset.staff; })) { say(problem, w('js-no-own-key')); return; }
        var inbox = await newPair();
        var grants = [];
        for (var t of targets) {
          grants.push({ staff_id: t.staff, lead_key: t.public, key_id: 0, sealed: JSON.stringify(await sealTo(t.public, inbox.pkcs8, GRANT_LABEL)) });
        }
        document.getElementById('setup-public').value = inbox.public;
        document.getElementById('setup-grants').value = JSON.stringify(grants);
        setup.dataset.ready = 'yes';
        setup.submit();
      } catch (err) {
        say(problem, w('js-key-failed', err));
      }
    });
  }

  // A lead chooses their own passphrase: their own key pair is made here, and only its public
  // half and the private half wrapped under the passphrase go to the server.
  var leadForm = document.getElementById('lead-key-form');
  if (leadForm) {
    leadForm.addEventListener('submit', async function (event) {
      if (leadForm.dataset.ready === 'yes') { return; }
      event.preventDefault();
      var problem = document.getElementById('lead-key-problem');
      var first = document.getElementById('lead-passphrase');
      var again = document.getElementById('lead-again');
      if (!checkPassphrase(problem, first.value, again.value)) { return; }
      try {
        say(problem, '');
        var lead = await newPair();
        document.getElementById('lead-public').value = lead.public;
        document.getElementById('lead-wrapped').value = await wrapUnder(first.value, lead.pkcs8, LEAD_WRAP_LABEL);
        first.value = '';
        again.value = '';
        leadForm.dataset.ready = 'yes';
        leadForm.submit();
      } catch (err) {
        say(problem, w('js-key-failed', err));
      }
    });
  }

  // Each lead's fingerprint, worked out here from the key this browser would seal to.
  if (subtle) {
    document.querySelectorAll('li[data-lead]').forEach(async function (li) {
      var shown = li.querySelector('.lead-fingerprint');
      if (li.dataset.leadPublic && shown) { sayCode(shown, 'js-fingerprint', await fingerprint(li.dataset.leadPublic)); }
    });
  }

  // The envelope's signed bytes and associated data, as crypto/envelope.rs makes them.
  function signedBytes(w) {
    var parts = [enc.encode('steady-envelope-v2'), field(be32(w.v)), field(w.feed), field(w.item),
      field(be64(w.version)), field(w.mentee), field(w.signer), field(new Uint8Array([w.tomb ? 1 : 0])),
      field(w.nonce || ''), field(w.commit || ''), field(w.body || ''), field(be64((w.keys || []).length))];
    (w.keys || []).forEach(function (k) { parts.push(field(k.device), field(k.enc), field(k.key)); });
    return concat(parts);
  }
  function itemData(w) {
    return concat([enc.encode('steady-item-v2'), field(w.feed), field(w.item), field(be64(w.version)), field(w.mentee)]);
  }
  async function verifyEd25519(publicKey, signature, message) {
    var key = await subtle.importKey('raw', b64d(publicKey), { name: 'Ed25519' }, false, ['verify']);
    return subtle.verify({ name: 'Ed25519' }, key, b64d(signature), message);
  }

  // Checks the mentee's own signature and that the released key opens the body they signed to
  // exactly what the mentor's device says it showed.
  // For a concern, the mentee signed a shared item; for a report, the mentor signed a reply.
  // The signer's key comes from the page: the keys of the devices the program enrolled for that
  // person (`data-author-keys`), never from the sealed body, which the sender's app wrote.
  async function checkEvidence(body, item) {
    var report = body.kind === 'report';
    var feed = report ? 'replies' : 'shared';
    var signer = report ? body.mentor_device : body.mentee_device;
    var enrolled = JSON.parse(item.dataset.authorKeys || '{}');
    // (Not `w`: that is the words function, and a failed check must be able to say why.)
    var wire = JSON.parse(body.evidence.envelope);
    if (wire.v !== 2 || wire.tomb || wire.feed !== feed || wire.mentee !== item.dataset.menteeId ||
        body.mentee_id !== item.dataset.menteeId || wire.signer !== signer) {
      return w('js-why-not-item');
    }
    // Nobody's devices on the server any more (they deleted their data, or left): it can't be
    // checked, which is not the same as forged.
    if (Object.keys(enrolled).length === 0) { return w('js-why-devices-gone'); }
    var signerKey = Object.prototype.hasOwnProperty.call(enrolled, signer) ? enrolled[signer] : null;
    if (!signerKey) { return w('js-why-not-enrolled'); }
    // The key the sender's app named must be that same enrolled key: forging then takes both a
    // changed app and a changed server.
    var named = report ? body.mentor_device_key : body.mentee_device_key;
    if (named && named !== signerKey) { return w('js-why-not-enrolled'); }
    if (!(await verifyEd25519(signerKey, wire.sig, signedBytes(wire)))) {
      return w('js-why-signature');
    }
    var contentKey = b64d(body.evidence.content_key);
    var commitment = new Uint8Array(await subtle.digest('SHA-256',
      concat([enc.encode('steady-content-key-commitment-v2'), contentKey])));
    if (!same(commitment, b64d(wire.commit))) { return w('js-why-key'); }
    var key = await subtle.importKey('raw', contentKey, { name: 'AES-GCM' }, false, ['decrypt']);
    var plain = new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: b64d(wire.nonce), additionalData: itemData(wire) }, key, b64d(wire.body)));
    var end = plain.length;
    while (end > 0 && plain[end - 1] === 32) { end--; }
    if (dec.decode(plain.subarray(0, end)) !== body.content) { return w('js-why-differs'); }
    return null;
  }

  function line(parent, tag, text, cls) {
    var el = document.createElement(tag);
    el.textContent = text;
    if (cls) { el.className = cls; }
    parent.appendChild(el);
    return el;
  }

  // The shared item in plain words (only text is ever set: nothing here becomes markup).
  function showContent(parent, content) {
    var c = JSON.parse(content);
    if (c.type === 'mood') {
      line(parent, 'p', w('js-check-in', c.feeling, c.level));
      if (c.emotions && c.emotions.length) { line(parent, 'p', w('js-feelings', c.emotions.join(', '))); }
      if (c.tags && c.tags.length) { line(parent, 'p', w('js-about', c.tags.join(', '))); }
      if (c.note) { line(parent, 'p', w('js-note', c.note)); }
    } else if (c.type === 'goal') {
      line(parent, 'p', w('js-goal', c.title));
      if (c.why) { line(parent, 'p', w('js-why', c.why)); }
      (c.steps || []).forEach(function (s) { line(parent, 'p', w(s.done ? 'js-done' : 'js-step', s.text)); });
      (c.check_ins || []).forEach(function (k) { line(parent, 'p', w('js-goal-check-in', k.how + (k.note ? ' — ' + k.note : ''))); });
    } else if (c.type === 'safety_plan') {
      line(parent, 'p', w('js-safety-plan'));
      (c.sections || []).forEach(function (s) {
        if (s.items.length) { line(parent, 'p', s.title + ': ' + s.items.join('; ')); }
      });
    } else if (c.type === 'contact_request') {
      line(parent, 'p', w('js-asked'));
    } else if (c.type === 'note') {
      line(parent, 'p', w('js-note', [c.preset, c.words].filter(Boolean).join(' ')));
    } else if (c.type === 'cheer') {
      line(parent, 'p', w('js-cheered', c.step));
    } else if (c.type === 'ack') {
      line(parent, 'p', w('js-saw') + (c.words ? ' ' + c.words : ''));
    } else {
      line(parent, 'p', w('js-unknown'));
    }
  }

  async function openConcern(privateKey, publicKey, sealedText) {
    var plain = await openSealed(privateKey, publicKey, JSON.parse(sealedText), 'steady-concern-v1');
    return JSON.parse(dec.decode(plain));
  }

  // The inbox keys this browser opened, by id: what a lead can give another lead.
  var opened = {};

  // Opens every inbox key this passphrase reaches: those sealed to this lead's own key, and
  // any still under the old shared passphrase.
  async function openKeys(passphrase) {
    var keys = {};
    var known = {};
    document.querySelectorAll('[data-safeguarding-key]').forEach(function (el) {
      known[el.dataset.safeguardingKey] = { public: el.dataset.public, wrapped: el.dataset.wrapped };
    });
    var own = document.getElementById('own-lead');
    var ownOpened = false;
    if (own) {
      try {
        var leadKey = await importPrivate(await unwrapBytes(passphrase, own.dataset.wrapped, LEAD_WRAP_LABEL), own.dataset.public);
        ownOpened = true;
        // This lead's own code, from the key their passphrase just unlocked: what they read to
        // the lead who gives them access.
        var mine = document.querySelector('li[data-self="yes"] .own-code');
        if (mine) { sayCode(mine, 'js-own-code', await fingerprint(own.dataset.public)); mine.hidden = false; }
        for (var grant of document.querySelectorAll('[data-grant]')) {
          var info = known[grant.dataset.grant];
          if (!info) { continue; }
          try {
            var pkcs8 = await openSealed(leadKey, own.dataset.public, JSON.parse(grant.dataset.sealed), GRANT_LABEL);
            keys[grant.dataset.grant] = { key: await importPrivate(pkcs8, info.public), public: info.public, pkcs8: pkcs8 };
          } catch (err) { /* not a grant this key opens */ }
        }
      } catch (err) { /* not this lead's passphrase */ }
    }
    for (var id of Object.keys(known)) {
      if (keys[id] || !known[id].wrapped) { continue; }
      try {
        var legacy = await unwrapBytes(passphrase, known[id].wrapped, WRAP_LABEL);
        keys[id] = { key: await importPrivate(legacy, known[id].public), public: known[id].public, pkcs8: legacy };
      } catch (err) { /* not the shared passphrase */ }
    }
    return { keys: keys, ownOpened: ownOpened };
  }

  var opener = document.getElementById('safeguarding-open');
  if (opener) {
    opener.addEventListener('submit', async function (event) {
      event.preventDefault();
      var status = document.getElementById('open-status');
      var passphrase = document.getElementById('open-passphrase').value;
      var result = await openKeys(passphrase);
      var keys = result.keys;
      if (Object.keys(keys).length === 0) {
        var own = document.getElementById('own-lead');
        if (result.ownOpened && own) {
          say(status, w('js-no-access-yet', await fingerprint(own.dataset.public)));
        } else {
          say(status, w('js-wrong-passphrase'));
        }
        return;
      }
      opened = keys;
      document.getElementById('open-passphrase').value = '';
      document.querySelectorAll('button.give-access').forEach(function (b) { b.hidden = false; });
      var count = 0;
      for (var item of document.querySelectorAll('li[data-concern]')) {
        var out = item.querySelector('.opened');
        out.textContent = '';
        var held = keys[item.dataset.keyId];
        if (!held) { line(out, 'p', w('js-older-key'), 'error'); continue; }
        try {
          var signed = await openConcern(held.key, held.public, item.querySelector('.sealed').textContent);
          var body = JSON.parse(signed.body);
          var raiserOk = await verifyEd25519(item.dataset.raiserKey, signed.signature,
            concat([enc.encode('steady-concern-signed-v1'), be64(enc.encode(signed.body).length), enc.encode(signed.body)]));
          var report = body.kind === 'report';
          var raiser = report ? body.mentee_name : body.mentor_name;
          var author = report ? body.mentor_name : body.mentee_name;
          if (report) {
            line(out, 'h3', w('js-reported', body.mentee_name));
          } else {
            line(out, 'h3', w('js-worried', body.mentor_name));
            line(out, 'p', body.reason, 'concern-reason');
            line(out, 'h3', w('js-shared', body.mentee_name));
          }
          var shown = document.createElement('div');
          shown.className = 'concern-content';
          out.appendChild(shown);
          showContent(shown, body.content);
          var problem = await checkEvidence(body, item);
          line(out, 'p', problem
            ? w('js-unverified', author, problem)
            : w(report ? 'js-verified-device' : 'js-verified-phone', author),
            problem ? 'error verify' : 'verified verify');
          line(out, 'p', raiserOk ? w('js-sent-from', raiser) : w('js-sender-mismatch'), raiserOk ? 'muted' : 'error');
          if (!body.mentee_told) {
            line(out, 'p', w('js-not-told', body.mentee_name, body.not_told_because), 'not-told');
          }
          count++;
        } catch (err) {
          line(out, 'p', w('js-cannot-open'), 'error');
        }
      }
      say(status, count === 1 ? w('js-opened-one') : w('js-opened-many', count));
    });
  }

  // Giving a lead access: every inbox key opened here, sealed to the key whose fingerprint
  // this page shows for them.
  document.querySelectorAll('button.give-access').forEach(function (b) {
    b.addEventListener('click', async function () {
      var li = b.closest('li[data-lead]');
      var status = document.getElementById('grant-status');
      var ids = Object.keys(opened);
      if (!li.dataset.leadPublic || ids.length === 0) { say(status, w('js-open-first')); return; }
      try {
        var grants = [];
        for (var id of ids) {
          grants.push({ staff_id: li.dataset.lead, lead_key: li.dataset.leadPublic, key_id: Number(id),
            sealed: JSON.stringify(await sealTo(li.dataset.leadPublic, opened[id].pkcs8, GRANT_LABEL)) });
        }
        document.getElementById('grant-staff').value = li.dataset.lead;
        document.getElementById('grant-grants').value = JSON.stringify(grants);
        document.getElementById('grant-form').submit();
      } catch (err) {
        say(status, w('js-key-failed', err));
      }
    });
  });
})();
