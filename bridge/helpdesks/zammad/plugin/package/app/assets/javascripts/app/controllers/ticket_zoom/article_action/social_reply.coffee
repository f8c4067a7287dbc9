# Social Helpdesk Bridge: a "Social reply" article type in the ticket's reply form, on tickets the bridge
# created (they have a social_channel). Only articles of this type go to the customer; a note stays
# internal. The form shows where the reply goes and counts its length against the channel's limit
# (X counts URLs as 23 and CJK and emoji as 2).
class SocialReply
  @LIMITS: {x: 280, sandbox: 280, facebook: 8000, instagram: 2200, bluesky: 300, mastodon: 500}
  @WEIGHTED: {x: true}

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
    limit = @limitFor(ticket)
    articleTypes.push {
      name:              'social reply'
      icon:              'web'
      attributes:        []
      internal:          false
      features:          ['attachment']
      maxTextLength:     limit
      warningTextLength: Math.round(limit * 0.9)
    }
    articleTypes

  @limitFor: (ticket) ->
    mode = ticket.social_reply_mode || 'public'
    return 10000 if mode is 'private'
    @LIMITS[ticket.social_channel] || 280

  @destination: (ticket) ->
    mode = ticket.social_reply_mode || 'public'
    handle = ticket.social_author_handle || 'the customer'
    return "Phone handoff: nothing is posted; call #{handle} back" if mode is 'phone'
    return "Private message to #{handle} on #{ticket.social_channel}" if mode is 'private'
    "Public reply to #{handle} on #{ticket.social_channel} (anyone can see it)"

  @length: (text, channel) ->
    return Array.from(text).length if !@WEIGHTED[channel]
    total = 0
    rest = text.replace(/https?:\/\/\S+/g, -> total += 23; '')
    for ch in Array.from(rest)
      cp = ch.codePointAt(0)
      light = (cp <= 4351) || (8192 <= cp <= 8205) || (8208 <= cp <= 8223) || (8242 <= cp <= 8247)
      total += if light then 1 else 2
    total

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
      box.text("Goes to: #{@destination(ticket)} · #{@length(text, ticket.social_channel)} / #{@limitFor(ticket)}")
    ui.$('.article-add [data-name="body"]').off('input.socialBridge').on('input.socialBridge', update)
    update()

App.Config.set('500-SocialReply', SocialReply, 'TicketZoomArticleAction')
