# Steady: español (latinoamericano neutro, de tú).

## Fechas y horas
time-clock = { $hour }:{ $minute } { $half ->
    [am] a. m.
   *[pm] p. m.
}
date-short = { $day } de { $month }
date-long = { $weekday }, { $day } de { $month }
date-with-year = { $date } de { $year }
date-month-year = { $month } de { $year }
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
month-short-1 = ene
month-short-2 = feb
month-short-3 = mar
month-short-4 = abr
month-short-5 = may
month-short-6 = jun
month-short-7 = jul
month-short-8 = ago
month-short-9 = sept
month-short-10 = oct
month-short-11 = nov
month-short-12 = dic
weekday-1 = lunes
weekday-2 = martes
weekday-3 = miércoles
weekday-4 = jueves
weekday-5 = viernes
weekday-6 = sábado
weekday-7 = domingo
weekday-short-1 = lun
weekday-short-2 = mar
weekday-short-3 = mié
weekday-short-4 = jue
weekday-short-5 = vie
weekday-short-6 = sáb
weekday-short-7 = dom

## El marco
app-name = Steady
app-name-discreet = Notas
app-name-mentor = { $name } · Mentor
skip-to-content = Ir al contenido
hide = Ocultar
hide-aria = Ocultar la pantalla ahora
nav-main = Principal
tab-today = Hoy
tab-history = Historial
tab-goals = Metas
tab-tools = Herramientas
tab-sharing = Compartir
tab-help = Ayuda
tab-mentees = Mentorados
tab-privacy = Privacidad

## Ánimo y etiquetas
mood-level-1 = Muy difícil
mood-level-2 = No tan bien
mood-level-3 = Más o menos
mood-level-4 = Bien
mood-level-5 = Muy bien
tag-school = escuela
tag-family = familia
tag-friends = amistades
tag-sleep = sueño
tag-health = salud
tag-work = trabajo
err-mood-level = Elige cómo te sientes, del 1 al 5.
err-note-too-long = Esta nota es más larga de lo que podemos guardar ({ $count } de 20,000 caracteres). Tus palabras siguen aquí: intenta acortarla o dividirla en dos registros.
err-tag-empty = Primero escribe una palabra para tu etiqueta.
err-tag-too-long = Las etiquetas pueden tener hasta 40 caracteres. Prueba con una palabra más corta.
err-too-many-words = Son muchas etiquetas y palabras. Elige hasta 40.
err-unknown-word = No conocemos esa palabra de sentimiento.

## Palabras de sentimientos
quadrant-high-unpleasant = Mucha energía, no tan agradable
quadrant-high-pleasant = Mucha energía, agradable
quadrant-low-unpleasant = Poca energía, no tan agradable
quadrant-low-pleasant = Poca energía, agradable
emotion-angry = enojo
emotion-stressed = estrés
emotion-worried = preocupación
emotion-scared = miedo
emotion-frustrated = frustración
emotion-annoyed = fastidio
emotion-nervous = nervios
emotion-overwhelmed = agobio
emotion-restless = inquietud
emotion-jealous = celos
emotion-excited = emoción
emotion-happy = alegría
emotion-proud = orgullo
emotion-hopeful = esperanza
emotion-energetic = mucha energía
emotion-playful = ganas de jugar
emotion-confident = confianza
emotion-amazed = asombro
emotion-cheerful = buen humor
emotion-motivated = ganas de empezar
emotion-sad = tristeza
emotion-tired = cansancio
emotion-lonely = soledad
emotion-bored = aburrimiento
emotion-down = bajón
emotion-hurt = sentimientos heridos
emotion-disappointed = decepción
emotion-empty = vacío
emotion-left-out = que me dejaron fuera
emotion-drained = agotamiento
emotion-calm = calma
emotion-relaxed = tranquilidad
emotion-content = satisfacción
emotion-safe = seguridad
emotion-grateful = gratitud
emotion-peaceful = paz
emotion-cosy = comodidad
emotion-thoughtful = reflexión
emotion-rested = descanso
emotion-loved = cariño

## Metas
goal-heading-active = En marcha
goal-heading-paused = En pausa por ahora
goal-heading-done = Logradas
goal-heading-let-go = Las que dejaste ir
goal-state-active = En marcha
goal-state-paused = En pausa por ahora
goal-state-done = Lograda
goal-state-let-go = Se dejó ir
progress-1 = Está difícil
progress-2 = Va más o menos
progress-3 = Va bien
err-goal-title-empty = Primero ponle unas palabras a tu meta.
err-goal-title-long = Es una meta larga. Intenta decirla en hasta 200 caracteres; puedes agregar más en por qué te importa.
err-goal-why-long = Es mucho para aquí. Intenta con hasta 2,000 caracteres.
err-step-empty = Primero escribe el paso.
err-step-long = Ese paso es muy largo. Intenta con hasta 500 caracteres, o divídelo en pasos más pequeños.
err-goal-note-long = Esa nota es muy larga. Intenta con hasta 2,000 caracteres.
err-goal-no-progress = Primero elige cómo va.

## Plan de seguridad
plan-warning-signs-title = Señales de que empieza un momento difícil
plan-warning-signs-prompt = Pensamientos, sentimientos o situaciones que me avisan que puede empezar un momento difícil.
plan-things-i-can-do-title = Cosas que puedo hacer por mi cuenta
plan-things-i-can-do-prompt = Cosas que me ayudan a sentir un poco más de calma, por mi cuenta.
plan-people-and-places-title = Personas y lugares que me ayudan a distraerme
plan-people-and-places-prompt = Con quién puedo estar, o a dónde puedo ir, para sentirme menos sola o solo.
plan-people-to-ask-title = Personas a quienes puedo pedir ayuda
plan-people-to-ask-prompt = Personas de confianza con quienes hablar cuando las cosas se ponen difíciles. Agrega a alguien de Mi gente para llamarle o escribirle desde aquí.
plan-professionals-title = Personas y lugares que ayudan y a los que puedo llamar
plan-professionals-prompt = Una consejera o consejero escolar, un médico, una línea de ayuda, o cualquier persona cuyo trabajo sea ayudar.
plan-safer-space-title = Hacer más seguro mi espacio
plan-safer-space-prompt = Formas de hacer más seguro el lugar donde estoy, como alejar algunas cosas.
plan-reasons-title = Mis razones para seguir
plan-reasons-prompt = Personas, mascotas, planes o cosas que me importan.
err-plan-empty = Primero escribe algo.
err-plan-long = Es mucho para una sola línea. Intenta con hasta 1,000 caracteres, o divídela en dos.

## Código
passcode-hint-phone = Usa de 4 a 8 números, o una frase.
passcode-hint-here = Usa de 6 a 8 números, o una frase. Este dispositivo no tiene un chip de seguridad que cuide tus datos como un teléfono, así que un código más largo los protege.
passcode-hint-keystore-away = Usa de 6 a 8 números, o una frase. El almacén seguro de llaves de este teléfono no respondió, así que por ahora tu código es el único candado.
auto-lock-now = De inmediato
auto-lock-1 = Después de 1 minuto
auto-lock-5 = Después de 5 minutos
auto-lock-15 = Después de 15 minutos
err-passcode-short = Usa de 4 a 8 números, o una frase de al menos 6 caracteres.
err-passcode-short-here = Usa de 6 a 8 números, o una frase de al menos 6 caracteres. Este dispositivo no tiene un chip de seguridad que cuide tus datos, así que un código más largo los protege.
err-passcode-short-keystore = Usa de 6 a 8 números, o una frase de al menos 6 caracteres. El almacén seguro de llaves de este teléfono no respondió, así que por ahora tu código es el único candado.
err-passcode-digits = Un código de números puede tener hasta 8 números. O usa una frase.
err-passcode-long = Es más largo de lo que la app puede usar. Prueba con menos de 100 caracteres.
err-passcode-mismatch = Los dos códigos no son iguales. Intenta escribirlos otra vez.

## Historial
chart-none = Todavía no hay registros en los últimos { $days } días.
chart-counts =
    En los últimos { $days } días: { $checkins ->
        [one] 1 registro
       *[other] { $checkins } registros
    } en { $daycount ->
        [one] 1 día
       *[other] { $daycount } días
    }.
chart-spread = Fueron de “{ $low }” a “{ $high }”.
chart-you-chose = Lo que más elegiste fue “{ $mood }”.
chart-they-chose = Lo que más eligió { $name } fue “{ $mood }”.

## Problemas
err-key-missing = Tus datos guardados están aquí, pero falta la llave para abrirlos ({ $path }). No se cambió nada. Vuelve a poner el archivo de la llave para ver tus registros.
err-store-wrong-passcode = Ese código no coincide. No se cambió nada.
err-key-elsewhere = La llave de tus datos en { $path } es de otro dispositivo, o este ya no puede abrirla. No se cambió ni se borró nada.
err-vault = El almacén de llaves de este dispositivo no respondió. Puede pasar justo después de reiniciar. No se cambió nada. Vuelve a intentarlo en un momento.
err-key-damaged = El archivo de la llave en { $path } está dañado, así que no se pueden abrir tus datos. No se cambió nada.
err-foreign-file = El archivo en { $path } no es de esta app (no está cifrado). No se cambió ni se borró nada.
err-cannot-unlock = La app no pudo abrir sus datos en { $path }: la llave no coincide o el archivo está dañado. No se cambió ni se borró nada.
err-migration-changed = Esta versión de la app cambió un paso de la base de datos que ya había hecho ({ $step }). No se cambió nada.
err-newer-version = Tus datos se guardaron con una versión más nueva de la app. Actualízala para abrirlos.
err-identity-damaged = Las llaves para compartir de este dispositivo están dañadas, así que compartir está en pausa. Tus registros están a salvo.
err-not-found = Ese registro ya no está aquí.
err-io = La app no pudo leer o escribir sus archivos: { $why }
err-sqlite = La app no pudo guardar o leer eso ahora. Inténtalo otra vez.
err-person-name-empty = Agrega un nombre, para que sepas quién es.
err-person-name-long = Ese nombre es un poco largo. Intenta con hasta 80 caracteres.
err-person-phone = Eso no parece un número de teléfono. Usa dígitos, como 555 123 4567, o empieza con + para otro país.
err-not-enrolled = Esta app todavía no está vinculada con un programa.
err-sync-poisoned = La app tuvo un problema y dejó de actualizarse para cuidar tus datos.
err-sync-locked = La app está bloqueada, así que las actualizaciones esperan a que la abras.
err-poisoned = La app tuvo un problema y dejó de guardar para cuidar tus datos. Ciérrala y vuelve a abrirla.
err-locked = La app está bloqueada. Escribe tu código para abrirla.
err-wrong-passcode = Ese código no coincide.
err-wrong-passcode-wait = Ese código no coincide. Puedes intentarlo otra vez en { $wait }.
err-needs-passcode = Primero escribe tu código. Así nadie más puede compartir tus cosas.
err-try-again-in = Puedes intentarlo otra vez en { $wait }.
err-mentor-passcode = El dispositivo de un mentor siempre tiene código: guarda lo que tus mentorados compartieron contigo. Puedes cambiarlo.
err-offline = No se puede llegar al servidor de tu programa en este momento.
err-busy = El servidor de tu programa está ocupado. La app lo intentará de nuevo en un momento.
err-server = El servidor de tu programa tuvo un problema. La app lo intentará de nuevo.
wait-seconds =
    { $count ->
        [one] 1 segundo
       *[other] { $count } segundos
    }
wait-minutes =
    { $count ->
        [one] 1 minuto
       *[other] { $count } minutos
    }
server-device-removed = Tu programa quitó este dispositivo.
server-replies-paused = Las respuestas a esta persona están en pausa mientras tu programa revisa algo. Se pondrán en contacto contigo.
server-replies-full = Las notas guardadas para esta persona llegaron al límite de espacio del programa. Tu programa puede ayudarte.
server-no-safeguarding = Tu programa todavía no lo configuró. Mejor llama a tu coordinadora o coordinador.
server-safeguarding-key-changed = Tu programa cambió a dónde se envía esto. Toca Actualizar ahora y vuelve a intentarlo.
server-storage-full = Lo que compartes llegó al límite de espacio del programa. Deja de compartir algo viejo para hacer lugar.
server-rate-limited = Demasiados intentos en poco tiempo. Espera un momento y vuelve a intentarlo.
server-bad-invite = Ese código de invitación no funcionó. Puede que esté mal escrito, ya usado o vencido.
history-range = Periodo del gráfico
what-helped = Lo que ayudó
what-helped-empty = Cuando uses una herramienta y digas cómo te sientes antes y después, aquí verás lo que más te ayuda.
history-empty = Todavía no hay nada. Tus registros aparecerán aquí, y solo tú puedes verlos.
history-earlier = Ver días anteriores
history-deleted = Registro borrado.
range-week = Semana
range-month = Mes
day-today = Hoy
day-yesterday = Ayer
helped-used =
    { $count ->
        [one] Usada una vez.
       *[other] Usada { $count } veces.
    }
helped-calmer =
    { $used } Después, casi siempre sentiste más calma: unos { $steps ->
        [one] 1 punto
       *[other] { $steps } puntos
    } menos en la escala del 0 al 10.
helped-upset =
    { $used } Después, casi siempre te sentiste un poco peor: unos { $steps ->
        [one] 1 punto
       *[other] { $steps } puntos
    } más. Está bien. A cada persona le ayudan cosas distintas.
helped-same = { $used } Después, casi siempre te sentiste más o menos igual.

## Lo compartido
when-short = { $weekday }, { $date }, { $time }
terms-replies-on = Las notas están activadas.
terms-replies-off = Las notas están desactivadas por ahora.
terms-read-receipts = Verás cuándo se leyó una nota.
mood-with-level = { $mood } ({ $level } de 5)
shared-feeling = Siente: { $words }
shared-about = Sobre: { $words }
shared-goal = Meta: { $title }
steps-done = { $done } de { $total } pasos hechos
shared-why = Por qué importa: { $why }
shared-target = Con fecha para { $target }
step-done-sr = Hecho:
step-todo-sr = Por hacer:
shared-plan = Plan de seguridad
shared-asked = Te pidió que te pongas en contacto

## Avisos
notice-device-removed = Tu programa quitó este dispositivo, así que lo que tus mentorados compartieron se borró de aquí.
notice-match-ended-mentor = Tu mentoría con { $name } terminó. Lo que { $name } compartió se borró de este dispositivo.
notice-match-ended-mentee = Tu mentoría con { $name } terminó. Lo que compartiste con { $name } se borra de su teléfono la próxima vez que se conecte, y ya no le llega nada nuevo.
notice-passed-on =
    { $mentor } le pasó { $what ->
        [mood] tu registro
        [goal] tu meta
        [safety_plan] tu plan de seguridad
        [contact_request] tu pedido de contacto
       *[other] algo que compartiste
    } a { $to }, como tu programa dice que debe hacerlo cuando alguien podría salir lastimado.
notice-inbox-changed = Tu programa cambió quién lee las preocupaciones y los reportes. Ahora van a { $name }. Si te parece raro, pregunta a tu coordinador antes de pasar algo.
notice-inbox-gone = Tu programa no tiene ahora una bandeja de protección. Si te preocupa alguien, llama a tu coordinador.
notice-reported = Reportaste una nota de { $mentor } a { $to }. Las notas de { $mentor } quedan en pausa hasta que tu programa la revise.

## Modo mentor
this-device = Este dispositivo y la sincronización
sync-last = Última actualización: { $time }.
sync-not-yet = Todavía sin actualizar.
sync-offline = Sin conexión por ahora.
device-code-before = El código de este dispositivo es
device-code-after = Es posible que tu mentorado te pida leerlo en voz alta antes de aceptar este dispositivo.
back-to-mentees = ← Todos tus mentorados
your-mentees = Tus mentorados
what-happened = Lo que pasó
no-mentees = Todavía no tienes mentorados. Cuando tu programa te asigne a alguien, aparecerá aquí.
last-check-in = Último registro compartido: { $words }
no-check-ins = Todavía no hay registros compartidos.
a-mentee = Mentorado
check-ins-and-more = Registros y más
nothing-shared-yet = { $name } todavía no ha compartido nada contigo. Está bien.
unverified-item = No se pudo verificar esto, así que no se muestra. Pudo haber cambiado en el camino.
note-for = Una nota para { $name }

## Hoy
save = Guardar
cancel = Cancelar
skip = Saltar
back = Volver
not-now = Ahora no
mood-button-aria = { $mood }, { $level } de 5
today-title = ¿Cómo te sientes ahora?
today-hint = Con un toque se guarda. ¿Tocaste el que no era? Solo toca otro.
today-saved = Guardado. Solo tú puedes verlo.
today-details-saved = Se agregó a tu registro. Solo tú puedes verlo.
today-skipped = Listo. Tu registro está guardado.
today-so-far = Hoy hasta ahora
today-with-note = con una nota
today-change-in-history = Puedes cambiarlos o borrarlos en Historial.
details-edit-title = Cambiar este registro
details-title = ¿Quieres agregar algo más? Es opcional.
details-how-you-felt = Cómo te sentías
details-feeling-words = Palabras de cómo te sientes (opcional)
details-about = ¿De qué se trata? (opcional)
details-note = Una nota, solo para ti (opcional)

## Herramientas
tool-senses-name = Sentidos 5-4-3-2-1
tool-senses-summary = Vuelve al aquí y ahora, un sentido a la vez.
tool-senses-before = Ve a tu ritmo. No hay respuestas incorrectas.
tool-senses-note = Si ahora te cuesta con el olfato o el gusto, piensa en un olor o un sabor que te guste.
tool-senses-step-1 = Nombra 5 cosas a tu alrededor que puedes ver. Con los ojos cerrados, nombra mejor 5 cosas que puedes tocar u oír.
tool-senses-step-2 = Fíjate en 4 cosas que puedes sentir, como tus pies en el piso o tu ropa sobre la piel.
tool-senses-step-3 = Escucha. Nombra 3 cosas que puedes oír.
tool-senses-step-4 = Encuentra 2 cosas que puedes oler.
tool-senses-step-5 = Fíjate en 1 cosa que puedes saborear.
tool-box-name = Respiración en cuadrado
tool-box-summary = Respira en un cuadrado lento y parejo: inhala, aguanta, exhala, aguanta.
tool-box-before = Siéntate cómodamente. Respira por la nariz si puedes. Si aguantar el aire se siente difícil, sáltate esas partes. Si te mareas, para y respira normal.
tool-box-phase-1 = Inhala
tool-box-phase-2 = Aguanta el aire
tool-box-phase-3 = Exhala
tool-box-phase-4 = Aguanta
tool-478-name = Respiración 4-7-8
tool-478-summary = Una exhalación larga y lenta para que tu cuerpo se calme.
tool-478-before = Primero siéntate o acuéstate. Si te mareas, para y respira normal.
tool-478-phase-1 = Inhala por la nariz
tool-478-phase-2 = Aguanta el aire
tool-478-phase-3 = Exhala por la boca
tool-paced-name = Respiración a tu ritmo
tool-paced-summary = Exhala un poco más largo de lo que inhalas. Tú eliges el ritmo.
tool-paced-before = Busca un ritmo que se sienta fácil. Puedes cambiarlo cuando quieras.
tool-paced-phase-1 = Inhala
tool-paced-phase-2 = Exhala
tool-sigh-name = Suspiro para calmarte
tool-sigh-summary = Dos inhalaciones, una exhalación larga. Una forma rápida de calmarte.
tool-sigh-before = Inhala por la nariz y luego completa con una segunda inhalación más corta.
tool-sigh-phase-1 = Inhala
tool-sigh-phase-2 = Una inhalación corta más
tool-sigh-phase-3 = Exhala largo y lento por la boca
tool-muscles-name = Relajación muscular
tool-muscles-summary = Aprieta suave y luego suelta, una parte del cuerpo a la vez.
tool-muscles-before = Puedes hacerlo sentado o sentada. Sigue respirando todo el tiempo. Aprieta con suavidad, nunca tanto que duela. Sáltate cualquier parte que te duela o esté lastimada.
tool-muscles-phase-1 = Cierra los puños con suavidad
tool-muscles-phase-2 = Suelta las manos. Fíjate en cómo se sienten
tool-muscles-phase-3 = Sube los hombros hacia las orejas
tool-muscles-phase-4 = Baja los hombros. Déjalos pesados
tool-muscles-phase-5 = Arruga la cara con suavidad
tool-muscles-phase-6 = Deja la cara suelta
tool-muscles-phase-7 = Presiona los pies contra el piso
tool-muscles-phase-8 = Deja que tus pies y piernas se relajen
tool-urge-name = Surfear la ola
tool-urge-summary = Las ganas fuertes suben y bajan como olas. Quédate con ellas unos minutos.
tool-urge-before = Fíjate en las ganas sin hacer nada con ellas. ¿Dónde las sientes en el cuerpo? Solo obsérvalas, como una ola.
tool-comfort-name = Mi lista de consuelo
tool-comfort-summary = Cosas que te ayudan a sentirte un poco mejor, con tus propias palabras.
tool-comfort-before = Agrega lo que te ayude: una canción, un lugar, una persona, algo rico, un olor.
done = Listo
next = Siguiente
finish = Terminar
stop = Parar
tools-intro = Formas de calmar el cuerpo y la mente. Todas funcionan sin internet.
tool-start = Empezar
tool-start-aria = Empezar { $name }
tool-favourite-on = ★ Favorita
tool-favourite-off = ☆ Favorita
tool-favourite-on-aria = ★ Favorita: { $name }
tool-favourite-off-aria = ☆ Favorita: { $name }
tool-hide = No es para mí
tool-hide-aria = No es para mí: { $name }
tools-put-away = Herramientas que guardaste
tool-bring-back = Volver a mostrar
tool-bring-back-aria = Volver a mostrar { $name }
tool-gone = Esa herramienta ya no está.
tool-thanks = Gracias por tomarte un momento para ti.
tool-stopped = Paraste. Está bien. Puedes volver cuando quieras.
reach-out-title = ¿Sigue siendo difícil? Una persona puede ayudar
reach-out-body = Las herramientas no siempre funcionan, y está bien. Hablar con alguien es un buen siguiente paso.
reach-out-no-people = Puedes agregar a personas de confianza en Ayuda, en Mi gente.
pace = Ritmo
pace-in = Inhalar
pace-out = Exhalar
pace-seconds = { $label }: { $count } segundos
pace-shorter = { $label } más corto
pace-longer = { $label } más largo
urge-how-long = Cuánto tiempo
minutes-count =
    { $count ->
        [one] 1 minuto
       *[other] { $count } minutos
    }
rating-before = ¿Qué tan mal te sientes ahora?
rating-after = ¿Qué tan mal te sientes ahora, después?
back-to-tools = Volver a las herramientas
step-of = Paso { $step } de { $total }
add = Agregar
remove = Quitar
remove-aria = Quitar { $what }
nothing-here-yet = Todavía no hay nada aquí.
rating-hint = 0 es calma, 10 es cuando te sientes más mal. Puedes saltarte esto.
urge-minutes-left =
    { $count ->
        [one] Queda 1 minuto
       *[other] Quedan { $count } minutos
    }
urge-breathe = Respira. Fíjate en dónde sientes las ganas. Pueden subir, llegar a lo más alto y bajar, como una ola.
urge-times-up = Se acabó el tiempo. Te quedaste con la ola.
urge-made-it = Lo logré
urge-longer = Un poco más
urge-passed-question = ¿Ya pasaron las ganas?
urge-passed = Sí, ya pasaron
urge-not-yet = Todavía no
err-comfort-long = Es un poco largo. Intenta con hasta 500 caracteres.
comfort-add-label = Agrega algo que te ayude
comfort-placeholder = Algo que te ayuda
pacer-done = Terminaste.
pacer-round = Ronda { $round } de { $total }
pacer-spoken = { $label }, { $count ->
    [one] 1 segundo
   *[other] { $count } segundos
}
tool-quicker = Contar más rápido
tool-quicker-hint = Si aguantar 7 segundos es mucho, cuenta más rápido: 2 para inhalar, 4 para aguantar, 4 para exhalar.
fewer-words = Menos palabras
more-words = Más palabras
tag-add-label = Agrega tu propia etiqueta
tag-placeholder = Agrega la tuya
tag-add = Agregar etiqueta
offer-title = Eso suena muy difícil.
offer-body = No tienes que cargarlo a solas. ¿Te ayudaría alguna de estas cosas ahora?
offer-help = Ver a quién puedo contactar
offer-tools = Probar una herramienta para calmarme
ask-mentor = Avisarle a mi mentor
entry-aria = Registro de las { $time }
entry-feeling-words = Palabras de sentimientos
entry-about = Sobre
edit = Editar
delete = Borrar
entry-edit-aria = Editar el registro de las { $time }
entry-delete-aria = Borrar el registro de las { $time }
entry-share-label = tu registro del { $date } a las { $time }
undo = Deshacer
close-message = Cerrar este mensaje
get-help = Pedir ayuda
get-help-aria = Pedir ayuda ahora
syncing = Actualizando…
sync-now = Actualizar ahora
your-passcode = Tu código
passcode-field-hint = Así solo tú puedes compartir tus cosas.

## Dispositivos
no = No
code = Código
trusted = De confianza.
mentor-devices-title = Los teléfonos y computadoras de tu mentor
mentor-devices-none = Tu mentor todavía no configuró un teléfono o una computadora. Lo que compartas esperará a salvo hasta que lo haga.
mentor-device-code = Uno de los teléfonos o computadoras de { $name }. Su código es
device-approved = Puede leer lo que compartes.
device-declined = Le dijiste que no.
device-check = ¿De verdad es de { $name }? Pídele que te lea su código. Di que sí solo si es el mismo.
device-yes-same = Sí, es el mismo código
own-device-title = Un teléfono o una computadora nueva se unió como tú
own-device-body = ¿Es tuyo, como un teléfono nuevo? Revisa que muestre el mismo código. Si no lo conoces, di que no. Tu mentor no confiará en él.
own-device-yes = Sí, es mío
own-device-no = No, no es mío
mentee-devices-title = Códigos de los dispositivos de { $name }
mentee-devices-hint = Revísalos con { $name } cuando puedas. Solo ves lo que firman estos dispositivos.
mentee-device-new = Es nuevo y ningún dispositivo de { $name } lo respaldó. Lo que envíe aparece como "no se pudo verificar". Confía en él solo si { $name } te muestra este código.
mentee-device-yes = { $name } me mostró este código
your-mentor = tu mentor
names-and = { $first } y { $last }
sharing-intro = Todo lo que escribes se queda en este teléfono, a menos que decidas compartirlo. Lo que compartes va cerrado con llave, así solo los teléfonos y computadoras de tu mentor pueden leerlo.
sharing-connected = Tu teléfono está vinculado con { $program } como { $name }.
sync-title = Actualizaciones
sync-offline-shares = Sin conexión por ahora. Lo que compartas se enviará cuando vuelvas a tener conexión.
sync-pending =
    { $count ->
        [0] Nada pendiente.
        [one] 1 cambio por enviar.
       *[other] { $count } cambios por enviar.
    }
sync-conflicts =
    { $count ->
        [one] El servidor tenía otra copia de 1 cosa compartida, quizá de otro teléfono. Se volvió a enviar la tuya, así cuentan tus palabras más recientes.
       *[other] El servidor tenía otras copias de { $count } cosas compartidas, quizá de otro teléfono. Se volvieron a enviar las tuyas, así cuentan tus palabras más recientes.
    }
kind-mood = Registro
kind-goal = Meta
kind-safety-plan = Plan de seguridad
kind-contact-request = Aviso
kind-terms = Ajustes de notas
shared-title = Lo que compartes
shared-nothing = Nada por ahora. Todo es solo para ti.
shared-with-names = , con { $names }
notes-kept-private = (notas en privado)
stop-sharing = Dejar de compartir
stop-sharing-aria = Dejar de compartir { $what }
my-safety-plan = Mi plan de seguridad
your-safety-plan = tu plan de seguridad
log-title = Registro de lo compartido
log-empty = Cada vez que compartas o dejes de compartir, aparecerá aquí.
log-asked = le pediste a tu mentor que se comunique contigo.
log-match-ended = { $what } volvió a ser privado (terminó la mentoría con { $names })
log-stopped = dejaste de compartir { $what }
log-shared-without-notes = compartiste { $what } con { $names }, sin notas
log-shared = compartiste { $what } con { $names }
connect-title = Conéctate con tu mentor
connect-body = Tu programa te da un código de invitación. Solo tienes que hacerlo una vez.
invite-code = Código de invitación
program-address = Dirección del programa
connecting = Conectando…
connect = Conectar
preset-proud = Qué orgullo me das.
preset-thinking-of-you = Me acordé de ti.
preset-you-got-this = Tú puedes.
preset-thanks-for-sharing = Gracias por compartir esto conmigo.
preset-here-for-you = Eso suena difícil. Aquí estoy para ti.
ack-words = Lo vi. Me voy a comunicar contigo.
reply-saw = { $name } vio tu mensaje.
reply-cheer = { $name } celebró un paso que diste: “{ $step }”
reply-cheered = Celebraste “{ $step }”
err-reply-empty = Elige un mensaje amable, o escribe unas palabras.
err-reply-long = Que tenga menos de 280 caracteres.
err-reply-no-free-text = Tu programa pide a los mentores elegir uno de los mensajes amables en vez de escribir los suyos.
err-reply-preset = Ese no es uno de los mensajes amables.

## Notas
from-mentor = De tu mentor
not-on-call = Los mentores no están de guardia. Si necesitas a alguien ahora mismo, en Ayuda hay personas con quienes hablar a cualquier hora.
from-name = De { $name }
kept-lower = guardada
kept = Guardada
keep = Guardar
clear = Quitar
report-note = Reportar esta nota
report-note-aria = Reportar a tu programa esta nota de { $name }
report-sent = Se envió a tu programa. Las notas de { $name } quedan en pausa hasta que la revisen.
notes-from = Notas de { $names }
let-send-notes = Dejar que { $names } me envíe notas
let-see-read = Dejar que { $names } vea cuándo leí una nota
reply-settings-hint = Cuando le pidas que se comunique contigo, siempre podrá decirte que lo vio. Si desactivas las notas, se detiene lo demás; puedes activarlas otra vez cuando quieras.
you-asked = Le pediste a tu mentor que se comunique contigo.
tell-coordinator = Ya pasó un tiempo. ¿Quieres avisarle a { $name }, quien coordina tu programa? Solo si quieres.
call = Llamar
call-name = Llamar a { $name }
email = Correo
email-name = Escribir un correo a { $name }
text = Mensaje
text-name = Enviar un mensaje a { $name }
people-to-talk-to = Personas con quienes hablar ahora
acked = Le dijiste que lo viste.
a-few-words = Unas palabras (opcional)
ack-hint = No promete nada: solo le dice que alguien lo vio.
note-sent = Enviado. Se va en la próxima sincronización.
send-a-note = Enviar una nota
send-kind-note = Envía una nota amable
own-words = O con tus propias palabras (hasta 280 caracteres)
send = Enviar
done-step = Hecho: { $step }
cheered = Celebrado
cheer = Celebrar
cheer-aria = Celebrar: { $step }
what-you-sent = Lo que le enviaste a { $name }
waiting-to-send = por enviar
seen = vista
availability-title = Cuándo sueles responder
availability-hint = Tus mentorados ven esto antes de pedirte que te comuniques. Escríbelo con sinceridad: no estás de guardia.
in-your-words = Con tus palabras
availability-placeholder = Suelo responder en un día.
availability-saved = Guardado. Tus mentorados lo reciben en la próxima sincronización.

## Compartir
share-just-me = Solo para mí
share-state-shared = Compartido con { $names }
share-state-without-notes = Compartido con { $names }, con las notas en privado
share-toggle-shared-aria = Compartido: { $state }. Cambiar quién puede ver { $what }
share-toggle-private-aria = Privado: { $state }. Cambiar quién puede ver { $what }
shared = Compartido
private = Privado
before-you-share = Antes de compartir
read-again-privacy = Puedes volver a leer esto cuando quieras en Privacidad.
understood-share = Entiendo. Compartirlo
who-can-see-aria = Quién puede ver { $what }
who-can-see = ¿Quién puede ver esto?
share-with = Compartir con { $names }
share-with-without-notes = Compartir con { $names }, con mis notas en privado
will-see-exactly = { $names } verá exactamente esto:
only-you = Solo tú puedes ver esto.
share-later = Todavía no te conectaste con un mentor. Se compartirá cuando te conectes en Compartir.

## Privacidad
care-title-mentee = Lo que tu mentor guarda en privado
care-title-mentor = Lo que guardas, y lo que debes avisar
your-mentor-cap = Tu mentor
who-title = Quién puede ver qué
who-you = Tú
who-you-see = Todo lo que escribes. Se queda en este teléfono, cerrado con una llave que solo tiene esta app.
who-mentor-see = Solo lo que eliges compartir, y solo en los teléfonos y computadoras a los que les dijiste que sí. Puedes dejar de compartir cuando quieras.
who-staff = El equipo de tu programa
who-staff-see = Que tu teléfono está vinculado con tu programa, y cuándo se comunicó con él por última vez. Nunca lo que escribes, a menos que tu mentor tenga que avisar algo para cuidarte (más abajo). Tu mentor tratará de decírtelo antes.
who-server = El servidor de tu programa
who-server-see = Guarda bajo llave lo que compartes. No puede leerlo.
who-holder = Alguien que tenga tu teléfono
who-holder-passcode = Necesita tu código. Pedir ayuda funciona aunque no lo tenga.
who-holder-open = Podría abrir esta app. Ponle un código abajo para evitarlo.
who-anyone = Alguien más
who-anyone-see = Nadie. Sin anuncios, sin rastreadores.
passcode-removed = Se quitó el código. La app ya no se bloqueará.
passcode-changed = Código cambiado.
passcode-set = Código listo. Lo vas a necesitar para abrir la app.
passcode-title = Código
passcode-asks = La app te pide tu código cuando vuelves.
passcode-keeps-out = Un código evita que alguien más abra la app.
passcode-current = Tu código actual
passcode-new = Código nuevo
passcode-again = Escríbelo otra vez
passcode-remove = Quitar el código
passcode-change = Cambiar el código
passcode-do-set = Poner el código
passcode-set-a = Poner un código
when-to-lock = Cuándo bloquear
will-lock = Se bloqueará { $when }.
lock-right-away-hint = “De inmediato” bloquea en cuanto sales de la app, o después de un minuto sin tocarla.
discreet-title = Modo discreto
discreet-plain-name = Usar un nombre sencillo
discreet-hint = Muestra un nombre y un aspecto sencillos, para que la app no llame la atención en tu pantalla.
quick-hide-hint = ¿Necesitas ocultar la pantalla rápido? Toca Ocultar arriba, o presiona Esc en un teclado. La pantalla queda en blanco al instante, y la app se bloquea si tienes un código.
language-title = Idioma
language-system = El idioma de mi teléfono
language-own-name = Español

## Deber de cuidado
care-general-keeps = Casi todo lo que compartes con tu mentor queda entre ustedes. No se lo cuenta a tu familia ni a tu escuela. Puede hablarlo con su coordinador del programa, para saber cómo apoyarte bien.
care-general-passes-on = Algunas cosas se las tiene que contar a alguien del programa cuyo trabajo es cuidar a los jóvenes, para que recibas ayuda: si cree que tú u otra persona podrían salir muy lastimados, o si le cuentas que alguien te hizo daño, aunque haya sido hace mucho.
care-general-not-told = Tratará de decírtelo antes, a menos que decírtelo pueda ponerte en más peligro.
back-to-goals = Volver a las metas
step-added = Paso agregado.
step-removed = Paso quitado.
goal-check-in-saved = Registro guardado. Solo tú puedes verlo.
goal-check-in-saved-shared = Registro guardado. Tu mentor lo verá, porque compartes esta meta.
goal-celebrate = Lo lograste. Tómate un momento para notar lo que hiciste.
goal-let-go-note = Dejaste ir esta meta. Está bien: las cosas cambian, y puedes retomarla cuando quieras.
goal-share-label = tu meta "{ $title }"
steps = Pasos
step-up-aria = Subir “{ $step }”
step-down-aria = Bajar “{ $step }”
remove-quoted-aria = Quitar “{ $what }”
add-a-step = Agregar un paso
add-small-step = Agrega un paso pequeño
add-step = Agregar paso
hows-it-going = ¿Cómo va?
a-note-optional = Una nota (opcional)
save-check-in = Guardar registro
this-goal = Esta meta
goal-marked-done = Marcada como lograda.
goal-mark-done = Marcar como lograda
goal-resting = En pausa por ahora. Aquí estará cuando quieras.
goal-rest = Pausar por ahora
goal-let-go-stays = La dejaste ir. Se queda en tu lista.
goal-let-go = Dejarla ir
goal-welcome-back = Qué bueno que vuelves a esta meta.
goal-pick-up = Retomarla
goal-let-go-done = La dejaste ir.
goal-active-again = Esta meta vuelve a estar en marcha.
goal-work-again = Volver a trabajar en ella
goal-let-go-hint = Dejar ir una meta la mantiene en tu lista, para que puedas mirar atrás o retomarla. Borrarla la quita por completo, con sus pasos.
goal-delete = Borrar esta meta
goal-deleted = Meta borrada.
goals-intro = Las metas son tuyas, con tus palabras. Los pasos pequeños cuentan.
add-a-goal = Agregar una meta
goals-empty = Todavía no hay metas. Cuando quieras.
open-goal-aria = Abrir { $title }
goal-new = Una meta nueva
goal-change = Cambiar esta meta
goal-what = ¿Qué quieres hacer?
goal-why = ¿Por qué te importa? (opcional)
goal-first-step = ¿Cuál es un primer paso pequeño? (opcional)
goal-target = Una fecha para lograrla (opcional)
save-goal = Guardar meta

## Personas
saved-name = Se guardó { $name }.
my-people = Mi gente
my-people-intro = Personas de confianza, para llamarles o escribirles cuando las cosas se ponen difíciles. Solo tú puedes ver esta lista.
edit-name = Editar a { $name }
change-details = Cambiar datos
add-someone = Agregar a alguien
name = Nombre
phone-number = Número de teléfono
removed-name = Se quitó a { $name }.
change-this-line = Cambiar esta línea
edit-quoted-aria = Editar “{ $what }”
from-my-people = De Mi gente:
add-name = Agregar a { $name }
add-to = Agregar a { $section }
add-a-line = Agrega una línea

## Líneas de crisis
contact-action-aria = { $action }: { $name }
contact-call = Llamar al { $number }
contact-text-word = Enviar { $word } al { $number }
contact-text = Mensaje al { $number }
contact-whatsapp = WhatsApp { $number }
contact-chat = Chatear en línea
contact-web = Sitio web
language-english = inglés
language-spanish = español
language-many-more-through-an-interpreter = muchos más con intérprete

## Consola: revisar un contacto
err-hours-format = Escribe cada horario así: "Mon-Fri 09:00-21:00".
err-hours-clock = Escribe las horas en formato de 24 horas, como 09:00 o 21:30.
err-hours-days = Escribe los días como Mon, Tue, Wed, Thu, Fri, Sat o Sun.
err-hours-none = Da al menos un horario, como "Mon-Fri 09:00-21:00".
err-hours-zone = Elige la zona horaria de la línea, como America/Los_Angeles.
err-hours-count = Da entre 1 y 14 horarios.
err-contact-name = Dale un nombre al contacto (hasta 100 caracteres).
err-contact-offers = Di en una oración lo que ofrecen (hasta 300 caracteres).
err-contact-number = Usa el formato internacional, como +15555550123, o un número corto de 3 a 6 dígitos.
err-contact-keyword-number = Una palabra clave necesita un número al que escribir.
err-contact-keyword = Una palabra clave es una sola palabra de letras y dígitos.
err-contact-web = Las direcciones web deben empezar con https:// (solo enlaces seguros).
err-contact-chat = Las direcciones de chat deben empezar con https:// (solo enlaces seguros).
err-contact-reach = Agrega al menos una forma de contactarlos: un teléfono, un número para mensajes o un sitio web.
err-contact-open = Di si atienden a cualquier hora o en horarios fijos.
err-contact-hours = Que la nota sobre el horario tenga menos de 100 caracteres.
err-contact-languages = Escribe al menos un idioma, separados por comas.
err-contact-checked = Da la fecha en que lo revisaste por última vez, como 2026-11-01.
err-contact-checked-future = La fecha en que lo revisaste no puede estar en el futuro.

## Líneas de crisis
open-always = Abierta ahora, a cualquier hora del día o de la noche.
open-until = Abierta ahora, hasta las { $time }.
open-until-day = Abierta ahora, hasta el { $weekday } a las { $time }.
open-opens-at = Cerrada ahora. Abre a las { $time }.
open-opens-day = Cerrada ahora. Abre el { $weekday } a las { $time }.
contact-speaks = Habla { $languages }. Datos revisados en { $checked }.
help-title = Pedir ayuda
help-danger = Si estás en peligro ahora mismo, llama al 911.
help-text-911 = ¿No puedes hablar? Manda un mensaje al 911 donde se pueda.
lines-now-title = Gente con quien hablar ahora
lines-free = Gratis, y lo que dices queda en privado. Si la vida de alguien corre peligro ahora mismo, pueden mandar ayuda.
lines-program-first = Las líneas de tu programa salen primero cuando están abiertas.
lines-closed-title = No están abiertas ahora
traces-title = ¿Te preocupa que alguien vea que pediste ayuda?
traces-calls = Las llamadas salen en la lista de llamadas de tu teléfono y los mensajes se quedan en tus mensajes. Puedes borrarlos ahí después.
traces-shared = Si tu teléfono está en una cuenta familiar, las llamadas y los mensajes también pueden salir en otros teléfonos, tabletas o en la factura.
traces-chat = El chat en línea, si la línea lo tiene, deja menos rastro. Usa una pestaña privada en tu navegador y ciérrala al terminar.
traces-offline = Estas líneas están guardadas en tu teléfono, así que esta página funciona sin internet.

## Ayuda
plan-card-title = Mi plan de seguridad
plan-card-body = Tus propios pasos para momentos difíciles, con tus propias palabras.
plan-card-shared = Lo compartes con tu mentor (puedes cambiarlo en Compartir).
plan-card-private = Solo tú puedes verlo.
plan-open = Abrir mi plan de seguridad
right-now-title = Ahora mismo
right-now-from-plan = De tu plan:
right-now-people = Tu gente:
plan-intro = Escribe lo que te parezca bien, cuando quieras. Puedes cambiarlo cuando quieras.
plan-step-by-step = En un momento difícil, empieza por arriba. Si un paso no te ayuda, sigue con el siguiente.
plan-with-someone = Puede ayudarte llenarlo con un adulto de confianza, como tu mentor o un consejero de la escuela.
plan-lines-you-can-add = Líneas que puedes agregar, abiertas siempre:
plan-add-line = Agregar “{ $line }”
plan-line-988 = Línea 988: llama o escribe al 988 (marca 2 para español)
plan-line-ctl = Crisis Text Line: escribe AYUDA al 741741
plan-back = Volver a Pedir ayuda

## Deber de cuidado
care-keeps-title-mentor = Lo que guardas para ti
care-keeps-title = Lo que tu mentor guarda en privado
care-passes-title-mentor = Lo que debes avisar
care-passes-title = Lo que tu mentor tiene que avisar
care-usual-rules = Estas son las reglas de siempre. Tu programa puede agregar las suyas.
mentor-care-title = Si te preocupa un mentorado
mentor-care-coordinator = Tu coordinador:
mentor-care-no-coordinator = Llama al coordinador de tu programa. Si crees que alguien está en peligro ahora mismo, llama al 911.
mentor-care-steps = Qué hacer
mentor-care-raise = Para pasar algo que compartió un mentorado a { $team }, ábrelo y elige “Avisar de una preocupación”. Solo ellos pueden leerlo. Nunca hagas captura ni lo reenvíes.

## Avisar a mi mentor
nudge-title = Avisar a mi mentor
nudge-body = Manda a tu mentor un aviso discreto para que se ponga en contacto. No se envía nada más.
nudge-availability = { $name }: “{ $text }”
nudge-not-on-call = No es para emergencias: tu mentor no está de guardia y puede tardar en verlo. Para ahora mismo, llama o escribe a una de las líneas de arriba.
nudge-sent = Enviado. Tu mentor lo verá la próxima vez que abra la app.
nudge-confirm-q = ¿Lo mandas ahora?
nudge-confirm = Sí, mandarlo

## Pantalla de bloqueo
forgot-title = ¿Olvidaste tu código?
forgot-only-key = Tu código es la única llave de lo que guardas aquí. Nadie puede buscarlo: ni tu mentor, ni tu programa, ni nosotros. Eso es lo que lo mantiene privado.
forgot-start-fresh = Si no lo recuerdas, puedes empezar de nuevo. Eso borra todo lo guardado en { $app } en este teléfono. Lo que ya compartiste se queda con tu mentor hasta que tú o tu programa lo quiten.
keep-trying = Seguir intentando
erase-start-fresh = Borrar y empezar de nuevo
welcome-back = Hola de nuevo
unlock = Abrir
go-back = Volver
mentor-passcode-title = Primero pon un código
mentor-passcode-why = Vas a guardar lo que los jóvenes eligieron compartir contigo. Un código lo protege si otra persona toma este dispositivo.

## Cuando la app no se abre
startup-title = No pudimos abrir tus cosas ahora mismo
startup-nothing-erased = No se borró nada. Todo lo que guardaste sigue aquí.
startup-try-again = Intentar de nuevo
startup-still-closed = Todavía no se abre. Espera un momento y vuelve a intentarlo.
startup-what-to-do = Si sigue pasando
startup-steps = Reinicia tu teléfono y abre { $app } otra vez. Si aún no se abre, díselo a la persona que dirige tu programa. No borres la app: eso borraría lo que guardaste.
startup-help-works = Pedir ayuda funciona aunque nada más se abra.
startup-no-folder = Tu teléfono no dejó que la app llegara a su propio espacio.
link-failed-number = No se pudo abrir eso aquí. Puedes llamar o escribir al { $number } desde cualquier teléfono.
link-failed-other = No se pudo abrir eso aquí. La dirección es { $target }

## Avisar de una preocupación
concern-passed-told = Pasaste esto a { $team } el { $date }. Se le avisó a { $name }.
concern-passed-not-told = Pasaste esto a { $team } el { $date }. No se le avisó a { $name }, como permite la política del programa.
concern-raise = Avisar de una preocupación
concern-raise-aria = Avisar de una preocupación sobre esto a { $team }
concern-sent-told = Enviado a { $team }. { $name } lo verá en su registro de lo compartido.
concern-sent-not-told = Enviado a { $team }. No se le avisó a { $name }, y el aviso explica por qué.
concern-explain = Esto pasa solo esta cosa a { $team }, para que puedan ayudar a { $name }. Va cerrado para que solo ellos puedan leerlo.
concern-why = ¿Por qué te preocupa?
concern-tell-q = ¿Se le avisará a { $name }?
concern-tell-yes = Sí: lo verá en su registro de lo compartido (lo normal)
concern-tell-no = Ahora no: avisarle podría ponerle en riesgo
concern-policy = La política de tu programa: { $policy }
concern-why-not = ¿Por qué no? (esto va con el aviso)
concern-send = Pasarlo a { $team }

## Mis datos
my-data-title = Mis datos
export-saved = Copia guardada. Estos archivos no tienen candado: cualquiera que los abra puede leerlos.
export-kept-here = La copia se guardó dentro de la carpeta de esta app en este teléfono. Pasarla a otra app llegará en una versión futura.
deleted-all = Todo está borrado. La app está nueva y vacía.
export-intro = Guarda una copia de todo lo que escribiste, y tus registros como hoja de cálculo.
export = Guardar una copia
download-file = Descargar { $file }
import-title = Recuperar una copia guardada
import-hint = Agrega lo que no esté ya aquí. Lo que vuelva es solo para ti.
import-result =
    { $count ->
        [0] Todo lo de esa copia ya está aquí.
        [one] Se recuperó 1 cosa.
       *[other] Se recuperaron { $count } cosas.
    }
import = Recuperar
delete-title = Borrar todo
delete-question = ¿Borrar todo? No se puede deshacer.
delete-explain = Esto borra todo lo de la app en este teléfono.
delete-explain-connected = Esto borra todo lo de la app en este teléfono y pide al servidor de tu programa que borre tus copias allí. Lo que compartiste desaparecerá de los teléfonos y computadoras de tu mentor la próxima vez que se actualicen.
delete-keeps-safeguarding = Una cosa se queda: si tu mentor o tú alguna vez le contaron al programa algo para mantenerte a salvo, el programa guarda esa nota. Está bajo llave y solo la pueden leer las personas del programa cuyo trabajo es cuidar a los jóvenes. Tu coordinador puede contarte más.
keep-my-data = Conservar mis datos
deleting = Borrando…
delete-confirm = Sí, borrar todo
delete-device-only = Borrar solo de este teléfono
delete-all = Borrar todos mis datos
chart-how-to-read = Cada barra va del registro más bajo al más alto de ese día; el punto es el medio.

## Problemas al compartir y conectar
err-connect-first = Primero conecta con tu programa.
err-no-report-inbox = Tu programa todavía no tiene una forma de reportar notas. Puedes hablar con tu coordinador.
err-program-key-damaged = La llave de tu programa está dañada. Habla con tu coordinador.
err-note-gone = Esa nota ya no está aquí.
err-note-unchecked = No se pudo comprobar esa nota, así que no se puede reportar.
err-try-again = Algo salió mal. Inténtalo otra vez.
err-report-seal = No se pudo cerrar el reporte para enviarlo. Inténtalo otra vez.
err-offline-not-sent = No tienes conexión, así que no se envió. Inténtalo cuando tengas conexión.
err-mentor-only-reply = Solo el dispositivo de un mentor puede responder.
err-mentee-unknown = Este dispositivo aún no conoce el teléfono de este mentorado. Toca Actualizar ahora y vuelve a intentarlo.
err-note-seal = No se pudo cerrar la nota para enviarla. Inténtalo otra vez.
compose-paused = Las notas a { $name } están en pausa mientras tu programa revisa algo. Se pondrán en contacto.
compose-off = { $name } desactivó las respuestas por ahora. Es su decisión; verás aquí cuando cambie.
err-not-connected = Esta app no está vinculada con un programa.
err-key-not-kept = No se pudo guardar la llave del programa en este dispositivo. Cierra la app, ábrela otra vez e inténtalo de nuevo.
err-directory-refused = No se pudieron comprobar las líneas de crisis que envió tu programa, así que se quedan las que ya están en este teléfono. Avísale a tu coordinador.
import-nothing-changed = No se importó nada y nada cambió aquí.
err-import-open = La app no pudo abrir ese archivo.
err-import-too-big = Ese archivo es demasiado grande para ser una copia de esta app.
err-import-read = La app no pudo leer ese archivo.
err-import-cut-off = Esta copia se corta a la mitad. Puede que se haya cortado al copiarla.
err-import-not-export = Esto no es una copia de esta app.
err-import-newer = Esta copia la hizo una versión más nueva de la app. Actualízala y vuelve a intentarlo.
err-import-missing = A esta copia le faltan sus registros.
err-import-unknown-part = Este archivo tiene una parte que esta app no conoce ({ $part }). No se importó nada.
err-import-shape = Una parte de este archivo ({ $part }) no tiene la forma que escribe esta app. No se importó nada.
err-import-rules = Algunos registros de este archivo ({ $part }) no cumplen las reglas de esta app, así que puede estar dañado. No se importó nada.
err-delete-offline = La app no pudo conectar con tu programa, así que aún no se borró nada. Inténtalo cuando tengas conexión, o borra solo de este teléfono.
err-program-address = Esa dirección del programa no parece correcta. Debe empezar con https:// (tu programa puede darte la exacta).
err-already-connected = Esta app ya está vinculada con un programa.
err-mentor-only-concern = Solo el dispositivo de un mentor puede avisar de una preocupación.
err-concern-reason-empty = Di en pocas palabras por qué te preocupa.
err-concern-reason-long = Escribe el motivo en menos de 500 caracteres.
err-concern-why-not = Di por qué no se le avisa al mentorado, como lo dice la política de tu programa (menos de 500 caracteres).
err-no-safeguarding = Tu programa todavía no tiene su buzón de protección. Llama a tu coordinador.
err-safeguarding-key-damaged = La llave de protección de tu programa está dañada. Llama a tu coordinador.
err-mentee-unpaired = Ese mentorado ya no está emparejado contigo.
err-item-unshared = Eso ya no se comparte contigo.
err-sync-once-more = Toca Actualizar ahora una vez más y vuelve a intentarlo.
err-item-unverified = No se pudo verificar eso, así que no se puede pasar.
err-item-unreadable = No se pudo leer eso.
err-concern-seal = No se pudo cerrar el aviso para enviarlo. Inténtalo otra vez.
err-offline-concern = No tienes conexión, así que no se envió. Inténtalo cuando tengas conexión, o llama a tu coordinador ahora.

## Consola del personal
con-please-sign-in = Inicia sesión
con-signed-out = Cerraste sesión o tu sesión terminó. Inicia sesión para seguir.
con-form-expired = Ese formulario caducó
con-form-expired-body = Por seguridad, el formulario no se envió. Vuelve, recarga la página e inténtalo de nuevo.
con-too-much = Eso era demasiado
con-too-much-body = El formulario era más grande de lo que acepta la consola, así que no se guardó nada.
con-didnt-work = Eso no funcionó
con-unreadable = No se pudo leer el formulario. Recarga la página e inténtalo de nuevo.
con-sign-in-again = Por seguridad, ese formulario no se envió. Vuelve a iniciar sesión.
con-too-many-tries =
    Demasiados intentos fallidos. Por seguridad, el inicio de sesión está en pausa durante { $minutes ->
        [one] un minuto
       *[other] unos { $minutes } minutos
    }. Si no fuiste tú, avisa a la persona que administra tu programa.
con-sorry = Lo sentimos
con-sign-in-failed = No se pudo iniciar sesión. Inténtalo de nuevo pronto.
con-no-match = Ese nombre y esa contraseña no coinciden. Revísalos e inténtalo de nuevo.
con-app-name = Steady · Personal
con-nav = Consola
con-nav-home = Inicio
con-nav-people = Personas
con-nav-directory = Contactos de crisis
con-nav-care = Deber de cuidado
con-nav-safeguarding = Protección
con-nav-audit = Registro de auditoría
con-signed-in-as = Sesión iniciada como { $name }
con-sign-out = Cerrar sesión
con-title-suffix = { $title } · Personal de Steady
con-sign-in = Iniciar sesión
con-your-name = Tu nombre
con-password = Contraseña
con-at-a-glance = El programa de un vistazo
con-mentees-enrolled = Mentorados inscritos
con-mentors-enrolled = Mentores inscritos
con-active-7 = Mentorados activos en los últimos 7 días
con-active-30 = Mentorados activos en los últimos 30 días
con-invites-waiting = Invitaciones sin usar
con-replies-30 = Respuestas de mentores en los últimos 30 días
con-shown-from-10 = Se muestra a partir de 10 mentorados
con-no-content = Steady nunca muestra aquí el contenido de los registros: el servidor no puede leer lo que comparten los mentorados.
con-audit-intro = Cada acción del personal, la más reciente primero. No se puede editar.
con-go-sign-in = Ir a iniciar sesión
con-utc = { $date } { $time } UTC
date-day-month-year = { $day } de { $month } de { $year }
con-people = Personas
con-invite-for = Invitación para { $name }
con-invite-give = Dale este código a { $name }. Funciona una vez, hasta el { $date }. Solo se muestra ahora: si se pierde, crea uno nuevo desde su tarjeta, abajo.
con-invite-code = Código de invitación
con-copy-code = Copiar código
con-qr = Código QR del código de invitación { $code }
con-invite-someone = Invitar a alguien
con-they-are = Es
con-role-mentee = mentorado
con-role-mentor = mentor
con-first-name = Su nombre de pila (los mentores ven el del mentorado)
con-create-invite = Crear invitación
con-pair-title = Emparejar a un mentorado con un mentor
con-mentee = Mentorado
con-mentor = Mentor
con-pair = Emparejar
con-everyone = Todas las personas
con-last-synced-day = La última sincronización se muestra por día: lo justo para ver que un teléfono dejó de sincronizar, y nada más.
con-person-title = { $name } · { $role }
con-invite-waiting = Invitación pendiente: funciona hasta el { $date }.
con-invite-ran-out = La invitación caducó el { $date }.
con-no-device = Sin dispositivo y sin invitación pendiente.
con-new-code-aria = Crear un código nuevo para { $name }
con-new-code = Crear un código nuevo
con-cancel-invite-aria = Cancelar la invitación de { $name }
con-cancel-invite = Cancelar invitación
con-devices = Dispositivos
con-device-added = Agregado el { $date }.
con-device-synced = Última sincronización: { $date }.
con-device-not-synced = Sin sincronizar desde entonces.
con-device-removed = Quitado.
con-remove-device-aria = Quitar este dispositivo: el de { $name }, agregado el { $date }
con-remove-device = Quitar este dispositivo
con-paired-with = Emparejado con
con-end-match-hint = Terminar un emparejamiento borra lo que compartió el mentorado de los dispositivos del mentor en su próxima sincronización, y se le avisa al mentorado. Un mentor nuevo empieza sin nada hasta que el mentorado comparta.
con-end-match-aria = Terminar emparejamiento: { $mentee } y { $mentor }
con-end-match = Terminar emparejamiento
con-deactivate-aria = Desactivar a { $name }
con-deactivate = Desactivar
con-choose-role = Elige mentorado o mentor.
con-first-name-rule = Escribe un nombre de pila de hasta 60 caracteres.
con-invite-failed = No se pudo crear la invitación. Inténtalo de nuevo.
con-person-gone = No se cambió nada: esa persona ya no está.
con-new-code-failed = No se pudo crear el código nuevo. Inténtalo de nuevo.
con-deactivate-q = ¿Desactivar a { $name }?
con-deactivate-explain = Se borra todo lo que el servidor guarda de { $name }: sus dispositivos dejan de sincronizar y se van sus emparejamientos y lo compartido. Su teléfono conserva sus propios datos. Los avisos de preocupación sobre esa persona se quedan en el buzón de protección. No se puede deshacer.
con-deactivate-yes = Sí, desactivar a { $name }
con-go-back = No, volver
con-not-found = No encontrado
con-nothing-here = Aquí no hay nada.
con-maybe-done = No se cambió nada: puede que ya estuviera hecho.
js-copied = Copiado.
js-passphrase-short = Usa una frase de paso de al menos 16 caracteres: unas palabras que vayas a recordar.
js-passphrase-mismatch = Las dos frases de paso no son iguales.
js-no-crypto = Este navegador no puede hacer la criptografía que necesita el buzón. Prueba un navegador actual.
js-key-failed = No se pudo crear la llave en este navegador: { $why }
js-check-in = Registro: { $feeling } ({ $level } de 5)
js-feelings = Sentimientos: { $list }
js-about = Sobre: { $list }
js-note = Nota: { $text }
js-goal = Meta: { $text }
js-why = Por qué: { $text }
js-done = Hecho: { $text }
js-step = Paso: { $text }
js-goal-check-in = Registro: { $text }
js-safety-plan = Plan de seguridad
js-asked = Pidió a su mentor que se pusiera en contacto.
js-cheered = Animó un paso: { $text }
js-saw = Vio su mensaje.
js-unknown = Algo que esta consola no sabe mostrar.
js-wrong-passphrase = Esa frase de paso no abre el buzón. No se mostró nada.
js-older-key = Cerrado con una llave anterior que esta frase de paso no abre.
js-reported = La nota que reportó { $mentee }
js-worried = Por qué le preocupa a { $mentor }
js-shared = Lo que compartió { $mentee }
js-unverified = No se pudo verificar con la firma de { $author }: { $why }.
js-verified-device = Comprobado: esto es exactamente lo que firmó el dispositivo de { $author }.
js-verified-phone = Comprobado: esto es exactamente lo que firmó el teléfono de { $author }.
js-sent-from = Enviado desde el dispositivo de { $name } (firma comprobada).
js-sender-mismatch = La firma del dispositivo que lo envió no coincide.
js-not-told = No se le avisó a { $mentee }, porque: { $why }
js-cannot-open = No se pudo abrir este aviso con esa frase de paso.
js-opened-one = Se abrió 1 aviso en este navegador. Cierra la pestaña al terminar.
js-opened-many = Se abrieron { $count } avisos en este navegador. Cierra la pestaña al terminar.
audit-signed-in = inició sesión
audit-signed-out = cerró sesión
audit-raised-a-concern = avisó de una preocupación
audit-reported-a-note = reportó una nota
audit-published-the-crisis-contacts = publicó los contactos de crisis
audit-invited-a-mentee = invitó a un mentorado
audit-invited-a-mentor = invitó a un mentor
audit-made-a-new-invite-code = creó un código de invitación nuevo
audit-changed-the-duty-of-care-statement = cambió la declaración del deber de cuidado
audit-set-up-the-safeguarding-inbox = configuró el buzón de protección
audit-opened-the-safeguarding-inbox = abrió el buzón de protección
audit-marked-a-concern-handled = marcó un aviso como atendido
audit-added-a-staff-account = agregó una cuenta de personal
audit-edited-a-crisis-contact = editó un contacto de crisis
audit-added-a-crisis-contact = agregó un contacto de crisis
audit-added-a-national-line = agregó una línea nacional
audit-moved-a-crisis-contact-up = subió un contacto de crisis
audit-moved-a-crisis-contact-down = bajó un contacto de crisis
audit-removed-a-crisis-contact = quitó un contacto de crisis
audit-paired = emparejó
audit-ended-a-match = terminó un emparejamiento
audit-removed-a-device = quitó un dispositivo
audit-cancelled-an-invite = canceló una invitación
audit-deactivated-a-person = desactivó a una persona
audit-detail-concern-told = sobre { $mentee }; se le avisó
audit-detail-concern-not-told = sobre { $mentee }; no se le avisó (el motivo está en la preocupación)
audit-detail-reported = de { $mentor }; sus notas están en pausa
audit-detail-safeguarding-only = quién lo hizo y a quién se refiere solo lo ve el personal de protección
audit-detail-version = versión { $version }
audit-detail-paired = { $mentee } con { $mentor }
audit-detail-unpaired = { $mentee } de { $mentor }
audit-who-mentor = { $name } (mentor)
audit-who-mentee = { $name } (mentorado)
audit-who-someone = Alguien
js-why-not-item = el sobre no es lo que dice ser
js-why-signature = la firma no coincide
js-why-not-enrolled = no lo firmó un dispositivo que el programa registró para esa persona
js-why-devices-gone = sus dispositivos ya no están en el servidor (borró sus datos o dejó el programa), así que aquí no se puede comprobar
js-why-key = la llave no es de este sobre
js-why-differs = el contenido no es lo que firmó el mentorado
con-edit-contact = Editar contacto
con-add-a-contact = Agregar un contacto
con-national-title = Líneas nacionales que puedes agregar
con-national-explain = Los teléfonos nunca las muestran a menos que las agregues. Al agregar una, pasa a tu lista de arriba, donde puedes revisarla y cambiarla. Los teléfonos la reciben cuando publicas.
con-national-add = Agregar { $name }
con-national-in-list = Ya está en tu lista.
con-f-name = Nombre
con-f-offers = Qué ofrecen
con-f-offers-hint = Una frase sencilla.
con-f-offers-es = Qué ofrecen, en español (opcional)
con-f-es-hint = Los teléfonos en español muestran esto; si está vacío, se muestra el inglés.
con-f-phone = Teléfono
con-f-phone-hint = Formato internacional (+15555550123) o un número corto como 988.
con-f-text-number = Número para mensajes
con-f-keyword = Palabra para enviar por mensaje (opcional)
con-f-chat = Chat web (opcional)
con-f-https = Empieza con https://
con-f-web = Sitio web (opcional)
con-f-when-open = Cuándo atienden
con-f-always = A cualquier hora, de día o de noche
con-f-set-times = En horarios fijos
con-f-time-zone = Su zona horaria (para horarios fijos)
con-f-choose-zone = Elige una zona horaria
con-zone = { $words } ({ $zone })
con-zone-eastern = Este
con-zone-central = Centro
con-zone-mountain = Montaña
con-zone-arizona = Arizona
con-zone-pacific = Pacífico
con-zone-hawaii = Hawái
con-f-times = Horarios
con-f-times-hint = Por ejemplo: Mon-Fri 09:00-21:00, Sat 10:00-16:00 (reloj de 24 horas; una hora pasada la medianoche, como 20:00-02:00, está bien). Los días se escriben en inglés.
con-f-hours = Algo más sobre el horario (opcional)
con-f-hours-hint = Por ejemplo: Cerrado los días festivos.
con-f-hours-es = Algo más sobre el horario, en español (opcional)
con-f-languages = Idiomas
con-f-commas = Separados por comas.
con-f-regions = Regiones (opcional)
con-f-regions-hint = Separadas por comas; vacío significa en todas partes.
con-f-checked = Última revisión
con-f-checked-hint = Una fecha como 2026-11-01.
con-save-changes = Guardar cambios
con-add-contact = Agregar contacto
con-directory = Contactos de crisis
con-phones-have = Los teléfonos tienen la versión { $version }. Los cambios les llegan cuando publicas.
con-nothing-published = Todavía no hay nada publicado: los teléfonos muestran los contactos que trae Steady.
con-fix-fields = Corrige los campos marcados. Todavía no se guardó nada.
con-yours = Los contactos de tu programa
con-no-contacts = Todavía no hay contactos. Agrega el primero abajo.
con-stale = Sin revisar hace más de 180 días: comprueba que sigue siendo correcto.
con-edit-name = Editar { $name }
con-move-up = Subir
con-move-down = Bajar
con-remove = Quitar
con-action-on = { $action }: { $name }
con-publish-explain = Al publicar, estos contactos se firman con la llave del programa. Los teléfonos los reciben en su próxima sincronización y los guardan para usarlos sin conexión.
con-publish = Publicar en los teléfonos
con-as-phone = Como los muestra un teléfono ahora mismo
con-order-explain = Primero van las líneas abiertas a cualquier hora, luego las abiertas ahora y después las cerradas. 988, Crisis Text Line, The Trevor Project y 911 siempre están en los teléfonos; un contacto con uno de esos nombres se deja fuera.
con-contact-gone = Ese contacto ya no está en la lista.
con-national-unknown = Esa no es una de las líneas nacionales que se ofrecen aquí.
con-unknown-change = Cambio desconocido.
con-nothing-to-publish = Nada que publicar
con-nothing-to-publish-body = Primero agrega al menos un contacto o escribe la declaración del deber de cuidado.
con-published = Versión { $version } publicada. Los teléfonos la reciben en su próxima sincronización.
con-publish-not-ours = La versión más reciente en el servidor no lleva la firma de tu programa: alguien cambió la base de datos del servidor. No se publicó nada y los teléfonos conservan la versión que tienen. Pide a quien administra el servidor que lo revise.
con-not-published = No publicado
con-saving-failed = No se pudo guardar. Inténtalo de nuevo.
con-publish-failed = No se pudieron firmar y publicar los contactos, así que los teléfonos conservan la versión que tienen. Inténtalo de nuevo; si sigue pasando, el registro del servidor dice por qué.
err-care-missing = Di qué guarda en privado un mentor y qué debe avisar.
err-care-too-long = Escribe cada parte en menos de 1000 caracteres.
err-care-bad-phone = No se puede marcar el teléfono del coordinador. Usa el formato internacional, como +15555550123.
err-care-bad-email = El correo del coordinador no parece correcto.
err-care-steps = Escribe como máximo 10 pasos, cada uno en menos de 1000 caracteres.
err-care-bad-key = La llave del buzón de protección está dañada. Vuelve a configurar el buzón.
err-care-reply-time = Escribe las horas que puede esperar una petición como un número del 1 al 336 (dos semanas), o déjalo vacío.
con-care-intro = Lo que escribas aquí llega a cada teléfono con los contactos de crisis, firmado con la llave del programa. Los mentorados lo leen antes de compartir por primera vez y en su página de Privacidad; los mentores, en su Ayuda, incluso sin conexión.
con-phones-show-title = Lo que muestran los teléfonos ahora
con-phones-show-published = La declaración de tu programa, como se publicó por última vez:
con-phones-show-general = Aún no han publicado una declaración, así que los teléfonos muestran la de siempre:
con-confidentiality = Confidencialidad
con-keeps = Lo que un mentor guarda en privado
con-keeps-hint = Con palabras que alguien de 12 años lea con facilidad.
con-passes-on = Lo que un mentor debe avisar, y a quién
con-not-told = Cuándo puede que no se le avise antes al mentorado (opcional)
con-not-told-hint = Los mentores ven esto cuando eligen no avisarle a un mentorado.
con-in-spanish = En español
con-in-spanish-hint = Los teléfonos en español muestran esto; una parte vacía muestra el inglés.
con-keeps-es = Lo que un mentor guarda en privado, en español
con-passes-on-es = Lo que un mentor debe avisar, en español
con-not-told-es = Cuándo puede que no se le avise antes al mentorado, en español
con-escalation-es = Qué hace un mentor preocupado, en español, un paso por línea
con-for-mentors = Para mentores
con-coordinator-name = Nombre del coordinador
con-coordinator-phone = Teléfono del coordinador
con-coordinator-email = Correo del coordinador
con-escalation = Qué hace un mentor preocupado, un paso por línea
con-replies = Respuestas de los mentores
con-free-text = Los mentores pueden escribir notas con sus propias palabras (hasta 280 caracteres), no solo los mensajes amables
con-reply-hours = Horas que puede esperar el “avisar a mi mentor” de un mentorado antes de ofrecerle avisar al coordinador (opcional)
con-save = Guardar
con-publish-care = Al publicar, esto se envía con los contactos de crisis. Los teléfonos lo reciben en su próxima sincronización.
con-review-publish = Revisar y publicar
con-not-saved = No se pudo guardar.
con-care-saved = Guardado. Publica para enviarlo a los teléfonos.
con-safeguarding-only = Solo personal de protección
con-safeguarding-only-body = Solo el personal de protección del programa puede abrir esto. Pregunta a quien administra tu programa si deberías tener acceso.
con-inbox = Buzón de protección
con-inbox-goes-to = Los avisos van a { $name }. Cada uno va cerrado para que solo la frase de paso de este buzón lo abra, en este navegador. El servidor no puede leerlos.
con-inbox-passphrase = Tu frase de paso
con-open-concerns = Abrir avisos
con-inbox-showing = { $first }–{ $last } de { $total }; primero los que aún no se atendieron.
con-inbox-pages = Páginas de la bandeja
con-inbox-previous = Página anterior
con-inbox-next = Página siguiente
con-publish-changed = Algo de lo que se publicaría cambió desde que se mostró esta página, así que no se publicó nada. Revísalo de nuevo abajo y luego publica.
con-publish-coordinator = También se publica: la coordinación, { $name }, { $phone }.
con-publish-inbox = También se publica: los avisos van a { $name }.
con-no-concerns = Todavía no hay avisos.
con-report-title = Reporte de { $mentee } sobre una nota de { $mentor }
con-report-paused = Las notas de { $mentor } a { $mentee } están en pausa hasta que esto se marque como atendido.
con-concern-title = Sobre { $mentee }, de { $mentor }
con-concern-told = Se le avisó a { $mentee } de que se pasó.
con-concern-not-told = No se le avisó a { $mentee }. Ábrelo para leer por qué.
con-handled-by = Atendido por { $name }, { $when }.
con-mark-handled-aria = Marcar como atendido: sobre { $mentee }, { $when }
con-mark-handled = Marcar como atendido
con-setup-title = Configurar el buzón de protección
con-setup-1 = Los mentores avisan de preocupaciones desde la app. Cada aviso se cierra en el teléfono del mentor para que solo este buzón pueda abrirlo.
con-setup-2 = Este navegador crea la llave del buzón. Se cierra para cada responsable de protección con su propia frase de paso, nunca una compartida: primero la tuya. El servidor solo guarda llaves cerradas, así que nadie puede abrir un aviso sin la frase de paso de un responsable. Si alguien olvida la suya o se va, otro responsable puede seguir abriendo el buzón.
con-setup-contact = A quién van los avisos, como lo ven los mentores
con-setup-placeholder = Dana Lee, responsable de protección
con-setup-passphrase = Frase de paso (al menos 16 caracteres)
con-setup-again = Escríbela otra vez
con-setup-button = Configurar el buzón
con-inbox-shared-hint = Los avisos de antes de que cada responsable tuviera su propia frase de paso se abren con la antigua compartida.
con-leads-title = Responsables de protección
con-leads-intro = Cada responsable abre el buzón con su propia frase de paso. Quien ya puede abrirlo da acceso a un nuevo responsable. Antes, pídele que abra el buzón con su frase de paso y te lea el código de llave que le aparece. Comprueba que coincide con el de aquí.
con-leads-you = (tú)
con-lead-no-passphrase = { $name } aún no ha elegido una frase de paso.
con-lead-not-vouched = No se puede confiar en esta llave: el programa no la confirmó. No se pedirá a nadie que le dé acceso. Puede elegir una frase de paso nueva.
con-lead-fingerprint = Código de la llave: { $fingerprint }
con-lead-has-access = Puede abrir el buzón.
con-lead-waiting = { $name } está esperando acceso.
con-give-access = Dar acceso
con-give-access-aria = Dar acceso: { $name }
con-remove-lead = Quitar como responsable
con-remove-lead-aria = Quitar como responsable: { $name }
con-add-lead = Agregar un responsable de protección
con-add-lead-button = Agregar como responsable
con-leads-removed-hint = Quitar a un responsable le quita su función y su acceso aquí. Si pudo guardar una copia de la llave del buzón, crea una llave nueva abajo: los avisos nuevos irán a ella.
con-lead-key-title = Elige tu propia frase de paso
con-lead-key-body = Cada responsable de protección tiene su propia frase de paso. Elige la tuya aquí. Luego, un responsable que ya puede abrir el buzón te da acceso. Nadie puede recuperar una frase perdida, pero otro responsable puede volver a darte acceso.
con-lead-key-again-title = Elige una frase de paso nueva
con-lead-key-again-body = Tu frase antigua deja de funcionar, y también tu acceso. Luego otro responsable vuelve a darte acceso. Si ningún otro responsable puede abrir el buzón, no lo hagas: los avisos que hay no se podrían abrir.
con-lead-key-button = Guardar mi frase de paso
con-lead-forgot = ¿Olvidaste tu frase de paso?
con-new-inbox-key = Crear una llave nueva para el buzón
con-new-inbox-key-body = Los avisos nuevos irán a la llave nueva. Los que ya están aquí se abren como antes. Cada responsable con frase de paso recibe acceso a la llave nueva.
con-not-given = No se dio acceso
con-not-given-body = No llegó completo, o era para una llave que este programa no creó. No cambió nada. Abre el buzón otra vez e inténtalo de nuevo.
con-lead-not-found = Esa persona ya no está en la lista. No cambió nada.
con-lead-last-title = No se quitó
con-lead-last-body = Nadie más puede abrir el buzón todavía. Da acceso a otro responsable primero y luego quita a { $name }.
js-fingerprint = Código de la llave: { $fingerprint }
js-no-own-key = Primero elige tu propia frase de paso.
js-no-access-yet = Tu frase de paso funciona, pero nadie te ha dado acceso todavía. Pídeselo a otro responsable. Léele el código de tu llave: { $fingerprint }
js-open-first = Primero abre el buzón con tu frase de paso.
audit-chose-their-own-safeguarding-passphrase = eligió su propia frase de paso de protección
audit-chose-a-new-safeguarding-passphrase = eligió una frase de paso de protección nueva
audit-gave-access-to-the-safeguarding-inbox = dio acceso al buzón de protección
audit-added-a-safeguarding-lead = agregó un responsable de protección
audit-removed-a-safeguarding-lead = quitó a un responsable de protección
con-lead-key-kept-title = No se cambió la frase de paso
con-lead-key-kept-body = Nadie más puede abrir el buzón todavía, así que una frase nueva lo cerraría para siempre. Da acceso a otro responsable primero.
js-own-code = El código de tu llave: { $fingerprint }
con-setup-contact-rule = Di a quién van los avisos, en hasta 100 caracteres.
con-setup-no-key = La llave no llegó. Esta página necesita JavaScript y un navegador actual.
con-not-set-up = Sin configurar
con-key-in-use = Esa llave ya está en uso. No cambió nada.
con-maybe-marked = No se cambió nada: puede que ya estuviera marcado.
server-item-too-large = Esto es demasiado largo para compartir. Sigue guardado en tu teléfono. Intenta hacerlo más corto.
server-unsupported-protocol = Esta app es más antigua que el servidor de tu programa. Actualízala para seguir compartiendo.
server-unauthorized = Esta app ya no está vinculada con tu programa. Pide a tu programa un nuevo código de invitación.
con-command-line = la línea de comandos
