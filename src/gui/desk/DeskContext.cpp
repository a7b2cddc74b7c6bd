#include "desk/DeskContext.h"

#include "GatewaySimulator.h"
#include "payments/CardRequestService.h"
#include "payments/PaymentService.h"

namespace fatora {

void DeskContext::applyCardRequestSettings()
{
    if (!cardRequests)
        return;
    QUrl success = appSettings.successUrl;
    QUrl failure = appSettings.failureUrl;
    if (sandbox && simulator && success.isEmpty() && failure.isEmpty()) {
        success = simulator->shopPage(GatewaySimulator::ShopPage::CardSaved);
        failure = simulator->shopPage(GatewaySimulator::ShopPage::PaymentFailed);
    }
    // Pages that are not both set and valid are handed on as they are: the service refuses to
    // create a request with them (canCreate), in the words that say what to set.
    cardRequests->setReturnPages(success, failure);
    cardRequests->setLinkLifetimeSecs(qint64(appSettings.linkLifetimeHours) * 60 * 60);
    if (payments)
        cardRequests->setOperatorName(payments->operatorName());
}

} // namespace fatora
