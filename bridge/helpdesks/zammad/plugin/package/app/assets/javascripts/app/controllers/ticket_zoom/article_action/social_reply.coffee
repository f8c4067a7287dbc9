# Social Helpdesk Bridge: a "Social reply" article type in the ticket's reply form, on tickets the bridge
# created (they have a social_channel). Only articles of this type go to the customer; a note stays
# internal. Below the text the form says where the reply goes and counts its length live, the way the
# platform counts it, against that surface's limit.
#
# Where it goes follows the bridge's routing: a private conversation (social_private_thread) is answered
# privately whatever the mode; otherwise the Reply mode (social_reply_mode) decides, and a conversation
# with sensitive data (social_sensitive) never gets a public reply. A private answer on a platform without
# private messages becomes a phone handoff.
class SocialReply
  # Each channel's label, and per surface its limit and counting rule ("characters", "graphemes",
  # "x-weighted", "utf8-bytes"): written from the bridge's channels by `social-bridge plugin build zammad`.
  @CHANNELS: {}  # social-bridge: channel rules

  @isSocial: (ticket) ->
    ticket && ticket.social_channel

  @action: (actions, ticket, article, ui) ->
    return actions if ui.permissionCheck('ticket.customer')
    return actions if !@isSocial(ticket)
    if article.sender.name is 'Customer'
      actions.push {
        name: __('social reply')
        type: 'socialReply'
        icon: 'reply'
        href: '#'
      }
    actions

  @perform: (articleContainer, type, ticket, article, ui) ->
    return true if type isnt 'socialReply'
    ui.scrollToCompose()
    App.Event.trigger('ui::ticket::setArticleType', {
      ticket: ticket
      type: App.TicketArticleType.findByAttribute('name', 'social reply')
      article: {body: ''}
      position: 'end'
    })
    true

  @articleTypes: (articleTypes, ticket, ui) ->
    return articleTypes if !ui.permissionCheck('ticket.agent')
    return articleTypes if !@isSocial(ticket)
    type = {
      name:              'social reply'
      icon:              'web'
      attributes:        []
      internal:          false
      features:          ['attachment']
    }
    surface = @surface(ticket)
    # Zammad's own counter counts characters: only offered where the platform counts that way too.
    if surface.limit > 0 && surface.counting is 'characters'
      type.maxTextLength = surface.limit
      type.warningTextLength = Math.round(surface.limit * 0.9)
    articleTypes.push type
    articleTypes

  @rule: (ticket) ->
    @CHANNELS[ticket.social_channel] || {label: ticket.social_channel, public: [0, 'characters'], private: [0, 'characters']}

  # Where the next reply goes: {kind: 'public' | 'private' | 'phone', text, limit, counting}.
  @surface: (ticket) ->
    rule = @rule(ticket)
    handle = ticket.social_author_handle || 'the customer'
    brand = if ticket.social_brand then ", as #{ticket.social_brand}" else ''
    mode = ticket.social_reply_mode || 'public'
    kind = 'public'
    kind = 'phone' if mode is 'phone'
    kind = 'private' if mode is 'private' || (kind is 'public' && ticket.social_sensitive)
    kind = 'private' if ticket.social_private_thread
    kind = 'phone' if kind is 'private' && !rule.private[0]
    if kind is 'phone'
      why = if mode is 'phone' then '' else " (#{rule.label} has no private messages)"
      return {kind: kind, text: "Phone handoff: nothing is posted; call #{handle} back#{why}", limit: 0, counting: 'characters'}
    if kind is 'private'
      return {kind: kind, text: "Private message on #{rule.label} to #{handle}#{brand}", limit: rule.private[0], counting: rule.private[1]}
    {kind: kind, text: "Public reply on #{rule.label} to #{handle}#{brand} (anyone can see it)", limit: rule.public[0], counting: rule.public[1]}

  # The text's length as the platform counts it.
  @length: (text, counting) ->
    if counting is 'utf8-bytes'
      return new TextEncoder().encode(text).length
    if counting is 'graphemes' && window.Intl && Intl.Segmenter
      return Array.from(new Intl.Segmenter(undefined, {granularity: 'grapheme'}).segment(text)).length
    return Array.from(text).length if counting isnt 'x-weighted'
    # twitter-text v3: a URL counts 23, code points outside a few light ranges count 2, and an emoji
    # sequence (skin tone, variation selector, joined emoji, flag) counts as its first emoji
    total = 0
    joined = false
    regional = false
    rest = text.replace(/https?:\/\/\S+/g, -> total += 23; '')
    for ch in Array.from(rest)
      cp = ch.codePointAt(0)
      if cp is 0x200D
        joined = true
        continue
      if joined || (0xFE00 <= cp <= 0xFE0F) || (0x1F3FB <= cp <= 0x1F3FF)
        joined = false
        continue
      if 0x1F1E6 <= cp <= 0x1F1FF
        regional = !regional
        continue if !regional
      else
        regional = false
      light = (cp <= 4351) || (8192 <= cp <= 8205) || (8208 <= cp <= 8223) || (8242 <= cp <= 8247)
      total += if light then 1 else 2
    total

  @describe: (ticket, text) ->
    surface = @surface(ticket)
    return "Goes to: #{surface.text}" if surface.kind is 'phone'
    unit = if surface.counting is 'utf8-bytes' then 'bytes' else 'characters'
    count = @length(text, surface.counting)
    over = if surface.limit && count > surface.limit then ' · too long: the bridge will not send it' else ''
    "Goes to: #{surface.text} · #{count} / #{surface.limit} #{unit}#{over}"

  @params: (type, params, ui) ->
    # plain text, as the platforms show it
    if type is 'social reply'
      params.content_type = 'text/plain'
      params.body = App.Utils.html2text(params.body, true)
    params

  @setArticleTypePost: (type, ticket, ui) ->
    box = ui.$('.article-add .social-bridge-destination')
    if type isnt 'social reply'
      box.remove()
      return
    if !box.length
      box = $('<div class="social-bridge-destination help-text"></div>')
      ui.$('.article-add .articleNewEdit-body').after(box)
    update = =>
      text = App.Utils.html2text(ui.$('.article-add [data-name="body"]').html() || '', true).trim()
      box.text(@describe(ticket, text))
      box.toggleClass('is-invalid', /too long/.test(box.text()))
    ui.$('.article-add [data-name="body"]').off('input.socialBridge').on('input.socialBridge', update)
    update()

App.Config.set('500-SocialReply', SocialReply, 'TicketZoomArticleAction')
